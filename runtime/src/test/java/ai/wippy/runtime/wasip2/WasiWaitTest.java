package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Pid;
import ai.wippy.runtime.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that wait through WASI 0.2 (fixtures/src/component/wasi2_sleep.wat: a monotonic-clock
 * subscription, then {@code pollable.block} or {@code poll}): they wait as long as asked, give their
 * worker back while they wait, and a deadline or terminate ends the wait at once.
 */
class WasiWaitTest {

    @TempDir
    Path project;

    private static final String MANIFEST = """
            namespace: app.wait
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: host
                kind: process.host
                workers: 2
              - name: sleep
                kind: process.wasm
                fs: app.wait:assets
                path: /wasi2_sleep.wasm
                hash: @sha256:wasi2_sleep@
                method: sleep-ms
                imports: [wasi:poll, wasi:clocks]
              - name: poll
                kind: process.wasm
                fs: app.wait:assets
                path: /wasi2_sleep.wasm
                hash: @sha256:wasi2_sleep@
                method: poll-ms
                imports: [wasi:poll, wasi:clocks]
              - name: short
                kind: process.wasm
                fs: app.wait:assets
                path: /wasi2_sleep.wasm
                hash: @sha256:wasi2_sleep@
                method: sleep-ms
                imports: [wasi:poll, wasi:clocks]
                limits: {max_execution_ms: 300}
              - name: no_poll
                kind: process.wasm
                fs: app.wait:assets
                path: /wasi2_sleep.wasm
                hash: @sha256:wasi2_sleep@
                method: sleep-ms
                imports: [wasi:clocks]
            """;

    private WippyRuntime runtime() {
        TestProjects.create(project, MANIFEST);
        return WippyRuntime.builder(project).build();
    }

    @Test
    void blockWaitsAsLongAsAsked() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            wippy.call("app.wait:sleep", List.of(1)); // load and compile first
            long start = System.nanoTime();
            ProcessResult r = wippy.call("app.wait:sleep", List.of(200));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.error()).isNull();
            assertThat(ms).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void pollReturnsTheReadyOneOnly() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            long start = System.nanoTime();
            ProcessResult r = wippy.call("app.wait:poll", List.of(100));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.error()).isNull();
            assertThat(r.value()).as("indexes of the ready pollables: the 100 ms timer, not the hour").isEqualTo(1L);
            assertThat(ms).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void theDeadlineEndsAWait() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            long start = System.nanoTime();
            ProcessResult r = wippy.call("app.wait:short", List.of(60_000));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.error()).isEqualTo(
                    "failed to call wasm method: sleep-ms: execution timed out after 300 ms (limits.max_execution_ms)");
            assertThat(ms).isLessThan(5_000);
        }
    }

    @Test
    void terminateEndsAWait() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            Pid pid = wippy.spawnMonitored("app.wait:sleep", null, 60_000);
            Thread.sleep(300);
            assertThat(wippy.terminate(pid)).isTrue();
            ExitEvent exit = wippy.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(exit.result().error()).isEqualTo("failed to call wasm method: sleep-ms: terminated");
        }
    }

    @Test
    void waitingGuestsGiveTheirWorkerBack() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            wippy.call("app.wait:sleep", List.of(1));
            int n = 50;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                wippy.spawnMonitored("app.wait:sleep", "app.wait:host", 300);
            }
            for (int i = 0; i < n; i++) {
                assertThat(wippy.receive(Duration.ofSeconds(30)).orElseThrow().result().error()).isNull();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            // 2 workers: 50 sleeps of 300 ms holding their worker would take 7.5 s; waiting together, well under
            assertThat(ms).isLessThan(5_000);
        }
    }

    /**
     * On Java 21+ a process is a virtual thread; JFR reports every time one blocks while pinned to
     * its carrier (a monitor, a native frame). 200 guests sleeping at once through WASI 0.2 (and
     * being terminated while parked) pin nothing. Skipped on Java 17, which has no virtual threads.
     */
    @Test
    void sleepingGuestsPinNoCarrier() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads: Java 21+");
        Path jfr = project.resolve("pinning.jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ofMillis(1)).withStackTrace();
            recording.start();
            try (WippyRuntime wippy = runtime()) {
                int n = 200;
                for (int i = 0; i < n; i++) {
                    wippy.spawnMonitored("app.wait:sleep", "app.wait:host", 200);
                }
                Pid parked = wippy.spawnMonitored("app.wait:sleep", "app.wait:host", 60_000);
                for (int i = 0; i < n; i++) {
                    assertThat(wippy.receive(Duration.ofSeconds(30)).orElseThrow().result().error()).isNull();
                }
                assertThat(wippy.terminate(parked)).isTrue();
                assertThat(wippy.receive(Duration.ofSeconds(10)).orElseThrow().from()).isEqualTo(parked);
            }
            recording.stop();
            recording.dump(jfr);
        }
        List<String> pinned = jdk.jfr.consumer.RecordingFile.readAllEvents(jfr).stream()
                .map(e -> e.getDuration().toMillis() + " ms at " + (e.getStackTrace() == null ? "?"
                        : e.getStackTrace().getFrames().stream().limit(8)
                                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                                .toList()))
                .toList();
        assertThat(pinned).as("virtual threads pinned while waiting").isEmpty();
    }

    @Test
    void aProfileNotGrantedTrapsNamingIt() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            ProcessResult r = wippy.call("app.wait:no_poll", List.of(10));
            assertThat(r.error()).isEqualTo("failed to call wasm method: sleep-ms: wasm trap:"
                    + " wasi:io/poll@0.2.3#[method]pollable.block: the entry does not grant wasi:poll; add it to the"
                    + " entry's imports (imports: [wasi:poll])");
        }
    }
}
