package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code memory_bytes} promises exactly what the engine can give: 32767 pages (2 GiB - 64 KiB). */
class MemoryLimitTest {

    private static final long PAGE = 65536;

    private static ExecutionConfig config(long memoryBytes) {
        WasiOptions wasi = WasiOptions.builder().arguments(List.of("guest"))
                .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build();
        return new ExecutionConfig(wasi, memoryBytes, Set.of());
    }

    private static Program load(EngineMode mode, String fixture) {
        return WasmEngine.create(EngineOptions.builder().mode(mode).build())
                .load(fixture + ".wasm", Fixtures.bytes(fixture));
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aGuestGrowsUpToTheLargestAllowedCapAndNoFurther(EngineMode mode) {
        // ByteArrayMemory allocates every page it grows: 2 GiB of heap, plus room for the rest of the JVM
        assumeThat(Runtime.getRuntime().maxMemory()).as("max heap").isGreaterThan(3L << 30);
        Program p = load(mode, "grow");
        try (Execution e = p.instantiate(config(EngineOptions.MAX_MEMORY_BYTES))) {
            assertThat(e.call("pages", null, List.of(), false)).isEqualTo(1);
            assertThat(e.call("grow", null, List.of(32766), false)).isEqualTo(1);
            assertThat(e.call("pages", null, List.of(), false)).isEqualTo(32767);
            assertThat(e.call("grow", null, List.of(1), false)).as("beyond the cap").isEqualTo(-1);
            assertThat(e.call("pages", null, List.of(), false)).isEqualTo(32767);
        }
    }

    @Test
    void aCapBeyondWhatTheEngineCanGiveIsRefusedNotSilentlyLowered() {
        assertThatThrownBy(() -> config(EngineOptions.MAX_MEMORY_BYTES + PAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryLimitBytes cannot exceed 2147418112 (the most the engine can give a guest),"
                        + " got 2147483648");
        assertThatThrownBy(() -> EngineOptions.builder().defaultMemoryBytes(4L << 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of at most 2147418112 (the most the engine can give a guest), got 4294967296");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aModuleNeedingMoreInitialMemoryThanTheEngineCanGiveIsToldSo(EngineMode mode) {
        Program p = load(mode, "huge_memory");
        for (long cap : new long[] {EngineOptions.MAX_MEMORY_BYTES, 0}) {
            assertThatThrownBy(() -> p.instantiate(config(cap)))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessage("the module needs 2621440000 bytes of initial memory, more than the engine can give"
                            + " a guest (2147418112 bytes)");
        }
    }

    @Test
    void aModuleNeedingMoreInitialMemoryThanItsLimitNamesTheLimit() {
        // memory_hog needs 2 pages (wasi-libc's stack and data): a 1-page cap is the limit's fault
        Program p = load(EngineMode.INTERPRETER, "memory_hog");
        assertThatThrownBy(() -> p.instantiate(config(PAGE)))
                .isInstanceOf(WasmCallException.class)
                .hasMessageMatching("the module needs \\d+ bytes of initial memory, more than the 65536 bytes its"
                        + " limits allow \\(limits.memory_bytes\\)");
    }
}
