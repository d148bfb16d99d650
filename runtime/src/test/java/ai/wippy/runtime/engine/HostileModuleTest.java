package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Loading for running refuses hostile sizes before Chicory's parser, which allocates by declared
 * counts (`check` runs the same pre-pass): a run of an unchecked binary cannot exhaust the heap.
 */
class HostileModuleTest {

    @Test
    void twoToThe32LocalsAreRefusedQuicklyWhenLoadingForARun() {
        byte[] module = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x0a, 0x0a, 0x01, 0x08, 0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x7f, 0x0b};
        WasmEngine engine = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build());
        org.assertj.core.api.Assertions.assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> {
                    try {
                        engine.load("hostile.wasm", module);
                        return null;
                    } catch (WippyException e) {
                        return e;
                    }
                })).isNotNull().satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .startsWith("invalid WebAssembly module hostile.wasm at offset 0x")
                        .contains("locals"));
    }

    @Test
    void aSectionLargerThanTheFileIsRefused() {
        byte[] module = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, 0x0f};
        WasmEngine engine = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build());
        assertThatThrownBy(() -> engine.load("huge.wasm", module)).isInstanceOf(WippyException.class)
                .hasMessage("invalid WebAssembly module huge.wasm at offset 0x9: type section size 4294967295 exceeds the module (0 bytes left)");
    }
}
