package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Pid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * wasi:http guests as process.wasm entries of a project: http-worker.wasm (a WASI 0.2 command) GETs
 * {@code $API_URL/hello}, its URL from an env.variable entry, and prints the response; a guest parked on
 * a response that never comes ends at its entry's {@code limits.max_execution_ms} or when it is
 * terminated; an entry that does not grant wasi:http fails naming it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasiHttpProcessTest {

    @TempDir
    Path project;

    private HttpTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HttpTestServer();
        TestProjects.create(project, """
                namespace: app.http
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: config, kind: env.storage.static, values: {API_URL: "http://%s"}}
                  - {name: api_url, kind: env.variable, variable: API_URL, storage: app.http:config}
                  - name: http_worker
                    kind: process.wasm
                    meta: {command: {name: http_worker}}
                    fs: app.http:assets
                    path: /http-worker.wasm
                    hash: "@sha256:components/http-worker@"
                    method: run
                    imports: [wasi:cli, wasi:io, wasi:poll, wasi:http]
                    wasi: {env: [{id: app.http:api_url, name: API_URL, required: true}]}
                  - name: worker_ungranted
                    kind: process.wasm
                    fs: app.http:assets
                    path: /http-worker.wasm
                    hash: "@sha256:components/http-worker@"
                    method: run
                    imports: [wasi:cli, wasi:io, wasi:poll]
                    wasi: {env: [{id: app.http:api_url, name: API_URL, required: true}]}
                  - {name: download, kind: process.wasm, fs: app.http:assets, path: /http.wasm,
                     hash: "@sha256:components/http@", method: download,
                     imports: [wasi:io, wasi:poll, wasi:http], limits: {max_execution_ms: 300}}
                  - {name: download_long, kind: process.wasm, fs: app.http:assets, path: /http.wasm,
                     hash: "@sha256:components/http@", method: download, imports: [wasi:io, wasi:poll, wasi:http]}
                """.formatted(server.authority()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(TerminalOutcome outcome, String out, String err, long millis) {
    }

    private Run run(String entry, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (WippyRuntime wippy = WippyRuntime.builder(project).build()) {
            long t0 = System.nanoTime();
            TerminalOutcome o = wippy.runEntry("app.http:" + entry, List.of(args), new ByteArrayInputStream(new byte[0]),
                    out, err);
            return new Run(o, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void theWorkerGetsItsApiAndPrintsTheResponse() throws Exception {
        Run r = run("http_worker");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("HTTP 200\nhello from the host\n");
        assertThat(r.outcome().exitCode()).isZero();
        assertThat(server.seen).isEmpty(); // /hello does not record: the worker asked for exactly that
    }

    @Test
    void aStatusThatIsNotASuccessIsExitCodeOne() throws Exception {
        Run r = run("http_worker", "echo?status=503");
        assertThat(r.out()).isEqualTo("HTTP 503\n\n");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(server.seen).singleElement().asString().startsWith("GET /echo?status=503 ");
    }

    @Test
    void aGuestParkedOnAResponseEndsAtItsDeadline() throws Exception {
        Run r = run("download", server.authority(), "/silent");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).endsWith("execution timed out after 300 ms (limits.max_execution_ms)\n");
        assertThat(r.millis()).isBetween(300L, 10_000L);
    }

    @Test
    void terminateWakesAGuestParkedOnAResponse() throws Exception {
        try (WippyRuntime wippy = WippyRuntime.builder(project).build()) {
            Pid pid = wippy.spawnMonitored("app.http:download_long", null, server.authority(), "/silent");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // until the request is at the server: the guest is parked on its response
            }
            assertThat(server.seen).hasSize(1);
            long t0 = System.nanoTime();
            assertThat(wippy.terminate(pid)).isTrue();
            ExitEvent exit = wippy.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(exit.result().error()).isEqualTo("failed to call wasm method: download: terminated");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        }
    }

    @Test
    void anEntryWithoutTheGrantHasNoNetwork() throws Exception {
        Run r = run("worker_ungranted");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("wasi:http/types@0.2.3#[static]fields.from-list: the entry does not grant"
                + " wasi:http; add it to the entry's imports (imports: [wasi:http])");
        assertThat(server.seen).isEmpty();
    }
}
