package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A guest calling resource.new in a loop is stopped by the handle table's limit, not by the JVM's heap. */
class ResourceFloodTest {

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aGuestCannotHoldMoreThanTheTablesLimitOfHandles(EngineMode mode) {
        Program program = WasmEngine.create(EngineOptions.builder().mode(mode).build())
                .load("resource_flood.wasm", Fixtures.bytes("resource_flood"));
        try (Execution e = program.instantiate(new ExecutionConfig(WasiOptions.builder().stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build(), 0, Set.of()))) {
            assertThat(e.call("flood", null, List.of(1000), false)).isEqualTo(1000L);
            assertThatThrownBy(() -> e.call("flood", null, List.of(HandleTable.MAX_LENGTH), false))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("handle table is full (" + HandleTable.MAX_LENGTH + " live handles");
        }
    }
}
