package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.command.TerminalOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sockets.wasm as process.wasm entries of a project: a guest parked in accept or in a read of a peer
 * that never writes ends at its entry's {@code limits.max_execution_ms}, and the process's end closes
 * its sockets (the peer reads the end); an entry that does not grant wasi:sockets fails naming it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasiSocketsProcessTest {

    @TempDir
    Path project;

    private static final String MANIFEST = """
            namespace: app.net
            entries:
              - {name: assets, kind: fs.directory, directory: ./wasm}
              - {name: serve, kind: process.wasm, fs: app.net:assets, path: /sockets.wasm,
                 hash: "@sha256:components/sockets@", method: serve-forever,
                 imports: [wasi:io, wasi:poll, wasi:sockets], limits: {max_execution_ms: 300}}
              - {name: read, kind: process.wasm, fs: app.net:assets, path: /sockets.wasm,
                 hash: "@sha256:components/sockets@", method: read-forever,
                 imports: [wasi:io, wasi:poll, wasi:sockets], limits: {max_execution_ms: 300}}
              - {name: ungranted, kind: process.wasm, fs: app.net:assets, path: /sockets.wasm,
                 hash: "@sha256:components/sockets@", method: read-forever, imports: [wasi:io, wasi:poll]}
            """;

    private record Run(TerminalOutcome outcome, String err, long millis) {
    }

    private Run run(String entry, String... args) throws Exception {
        TestProjects.create(project, MANIFEST);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (WippyRuntime wippy = WippyRuntime.builder(project).build()) {
            long t0 = System.nanoTime();
            TerminalOutcome o = wippy.runEntry("app.net:" + entry, List.of(args), new ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(), err);
            return new Run(o, err.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void aGuestParkedInAcceptEndsAtItsDeadline() throws Exception {
        Run r = run("serve", "false");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).endsWith("execution timed out after 300 ms (limits.max_execution_ms)\n");
        assertThat(r.millis()).isBetween(300L, 10_000L);
    }

    @Test
    void aGuestParkedInAReadEndsAtItsDeadlineAndThePeerSeesTheEnd() throws Exception {
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            java.util.concurrent.CompletableFuture<Integer> seen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Socket s = peer.accept()) {
                    s.setSoTimeout(20_000);
                    return s.getInputStream().read(); // the guest never writes: -1 when its socket is closed
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Run r = run("read", "false", String.valueOf(peer.getLocalPort()));
            assertThat(r.outcome().exitCode()).isEqualTo(1);
            assertThat(r.err()).endsWith("execution timed out after 300 ms (limits.max_execution_ms)\n");
            assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void anEntryWithoutTheGrantHasNoNetwork() throws Exception {
        Run r = run("ungranted", "false", "80");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("wasi:sockets/tcp-create-socket@0.2.0#create-tcp-socket: the entry does not grant"
                + " wasi:sockets; add it to the entry's imports (imports: [wasi:sockets])");
    }
}
