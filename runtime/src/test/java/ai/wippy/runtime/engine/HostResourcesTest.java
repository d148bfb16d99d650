package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceHandle;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Resources a Java host defines (host_resource.wasm imports test:host/store's counter): the guest
 * holds handles to the host's objects, host functions get the objects back, and every object is
 * closed once, when the guest drops it or when the execution ends.
 */
class HostResourcesTest {

    /** The host's object behind a counter handle. */
    static final class Counter implements AutoCloseable {
        final long value;
        int closed;

        Counter(long value) {
            this.value = value;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    private final List<Counter> made = new ArrayList<>();

    private ComponentExecution start() {
        HostInterface store = HostInterface.named("test:host/store@0.1.0")
                .function("[constructor]counter", args -> {
                    Counter c = new Counter(((Number) args.get(0)).longValue());
                    made.add(c);
                    return c;
                })
                .function("[method]counter.get", args -> ((Counter) args.get(0)).value)
                .build();
        Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("host_resource.wasm", Fixtures.bytes("host_resource"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return (ComponentExecution) program.instantiate(new ExecutionConfig(
                WasiOptions.builder().stdout(sink).stderr(sink).build(), 0, Set.of(), HostInterfaces.of(List.of(store))));
    }

    @Test
    void aGuestUsesAHostObjectThroughItsHandleAndDroppingItClosesIt() {
        try (ComponentExecution e = start()) {
            assertThat(e.call("roundtrip", null, List.of(5), false)).isEqualTo(5L);
            assertThat(made).hasSize(1);
            assertThat(made.get(0).closed).isEqualTo(1);
        }
        assertThat(made.get(0).closed).as("closed once, not again at the end").isEqualTo(1);
    }

    @Test
    void objectsStillHandedOutAreClosedWhenTheExecutionEnds() {
        ComponentExecution e = start();
        Object handle = e.call("make", null, List.of(7), false);
        assertThat(handle).isInstanceOf(ResourceHandle.class);
        assertThat(e.call("give", null, List.of(handle), false)).isEqualTo(7L);
        e.call("make", null, List.of(8), false);
        assertThat(made).extracting(c -> c.closed).containsExactly(0, 0);
        e.close();
        assertThat(made).extracting(c -> c.closed).containsExactly(1, 1);
    }

    @Test
    void aHostFunctionGivenTheWrongObjectTrapsTheGuest() {
        HostInterface confused = HostInterface.named("test:host/store@0.1.0")
                .function("[constructor]counter", args -> "not a counter")
                .function("[method]counter.get", args -> ((Counter) args.get(0)).value)
                .build();
        Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("host_resource.wasm", Fixtures.bytes("host_resource"));
        try (Execution e = program.instantiate(new ExecutionConfig(WasiOptions.builder().stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build(), 0, Set.of(),
                HostInterfaces.of(List.of(confused))))) {
            assertThatThrownBy(() -> e.call("roundtrip", null, List.of(1), false))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("class java.lang.String cannot be cast");
        }
    }
}
