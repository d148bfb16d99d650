package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceHandle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Own handles the host holds, of a resource a component defines (resources.wasm's counter, whose
 * destructor counts drops): the host may pass each on once, drop it once, and whatever it still
 * holds is dropped when the execution closes (SPEC 6.1: at Close).
 */
class HostHeldHandlesTest {

    private static final String IFACE = "test:resources/counters@0.1.0#";
    private static Program program;

    @BeforeAll
    static void load() throws Exception {
        byte[] bytes = Files.readAllBytes(ComponentFixturesTest.DIR.resolve("wasm/resources.wasm"));
        program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("resources.wasm", bytes);
    }

    private static ComponentExecution start() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return (ComponentExecution) program.instantiate(
                new ExecutionConfig(WasiOptions.builder().stdout(sink).stderr(sink).build(), 0, Set.of()));
    }

    private static Object call(Execution e, String f, Object... args) {
        return e.call(IFACE + f, null, List.of(args), false);
    }

    @Test
    void droppingAHeldHandleRunsTheDestructorOnce() {
        try (ComponentExecution e = start()) {
            ResourceHandle c = (ResourceHandle) call(e, "[constructor]counter", 5);
            assertThat(call(e, "live")).isEqualTo(1L);
            e.drop(c);
            assertThat(call(e, "drops")).isEqualTo(1L);
            assertThat(call(e, "live")).isEqualTo(0L);
            assertThatThrownBy(() -> e.drop(c)).isInstanceOf(WasmCallException.class)
                    .hasMessage("cannot drop " + c + ": not an own handle of a resource this component defines that"
                            + " the host holds");
            assertThat(call(e, "drops")).as("not dropped twice").isEqualTo(1L);
        }
    }

    @Test
    void aHandlePassedOnIsNoLongerHeld() {
        try (ComponentExecution e = start()) {
            ResourceHandle c = (ResourceHandle) call(e, "[constructor]counter", 7);
            assertThat(call(e, "take", c)).isEqualTo(7);
            assertThatThrownBy(() -> call(e, "take", c)).isInstanceOf(WasmCallException.class)
                    .hasMessage(c + " is not a handle the host holds: it was dropped or passed on already");
            assertThatThrownBy(() -> e.drop(c)).isInstanceOf(WasmCallException.class);
            assertThat(call(e, "drops")).isEqualTo(1L);
        }
    }

    @Test
    void handlesStillHeldAreDroppedAtClose() {
        ComponentExecution e = start();
        ResourceHandle kept = (ResourceHandle) call(e, "[constructor]counter", 1);
        @SuppressWarnings("unchecked")
        List<ResourceHandle> many = (List<ResourceHandle>) call(e, "make-many", 3);
        assertThat(many).hasSize(3).doesNotContain(kept);
        assertThat(call(e, "live")).isEqualTo(4L);
        e.drop(many.get(1));
        assertThat(call(e, "live")).isEqualTo(3L);
        // what close() does, observed while the instance is still there
        e.dropHeldHandles();
        assertThat(call(e, "drops")).isEqualTo(4L);
        assertThat(call(e, "live")).isEqualTo(0L);
        e.close(); // nothing is held any more: no destructor runs twice
        assertThat(call(e, "drops")).isEqualTo(4L);
    }
}
