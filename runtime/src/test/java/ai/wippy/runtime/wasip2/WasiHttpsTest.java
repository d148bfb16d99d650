package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.net.ProxySelector;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https} requests go through TLS with the JVM's default SSL context (its trust store), the
 * server's certificate checked against the host name: http-worker.wasm asking an HTTPS server on
 * loopback whose certificate nobody trusts (self-signed, made by {@code keytool} for this test) gets
 * {@code TLS-certificate-error}, and the server saw a handshake but no request; once the JVM's default
 * context trusts it (as {@code javax.net.ssl.trustStore} would make it), the request goes through.
 * Through the JVM's HTTP proxy, HTTPS goes by a CONNECT tunnel; a proxy that refuses it is an error
 * that says so.
 */
class WasiHttpsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path tmp;

    private KeyStore keys;
    private HttpsServer server;
    private final List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(keytoolOutput).isZero();

        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.createContext("/", x -> {
            requested.add(x.getRequestURI().toString());
            byte[] b = "over TLS".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
    }

    private SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }

        /** A body run while the JVM's default SSL context trusts the server's certificate. */
    private interface Trusted {
        void run() throws Exception;
    }

    private void trusting(Trusted body) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        SSLContext before = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try {
            body.run();
        } finally {
            SSLContext.setDefault(before);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** What http-worker printed and its exit code. */
    private record Run(String out, String err, int exit) {
    }

    private static Run worker(String apiUrl) {
        Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("http-worker.wasm", Fixtures.bytes("components/http-worker"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiOptions wasi = WasiOptions.builder().arguments(List.of("http-worker", "hello"))
                .environment(List.of(Map.entry("API_URL", apiUrl)))
                .stdout(out).stderr(err).stdin(new ByteArrayInputStream(new byte[0])).build();
        int exit = 0;
        try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0,
                Set.of("wasi:cli", "wasi:io", "wasi:poll", "wasi:http")))) {
            e.call("wasi:cli/run@0.2.3#run", null, List.of(), false);
        } catch (WasmCallException x) {
            assertThat(x.reason()).as(x.getMessage()).isEqualTo(WasmCallException.Reason.EXIT);
            exit = x.exitCode();
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exit);
    }

    private String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/api";
    }

    @Test
    void aCertificateNobodyTrustsIsATlsCertificateError() {
        Run r = worker(url("127.0.0.1"));
        assertThat(r.err()).contains("request failed: TLS-certificate-error");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(requested).as("no request got past the handshake").isEmpty();
    }

    @Test
    void aCertificateTheJvmTrustsIsAcceptedForTheNamesItCarries() throws Exception {
        trusting(() -> {
            Run byName = worker(url("localhost"));
            assertThat(byName.err()).isEmpty();
            assertThat(byName.out()).isEqualTo("HTTP 200\nover TLS\n");
            assertThat(byName.exit()).isZero();
            Run byAddress = worker(url("127.0.0.1"));
            assertThat(byAddress.out()).isEqualTo("HTTP 200\nover TLS\n");
            assertThat(requested).containsExactly("/api/hello", "/api/hello");
        });
    }

    @Test
    void aServerThatWantsAClientCertificateAnswersWithAnAlert() throws Exception {
        SSLContext serverTls = serverContext();
        // a TLS server of its own: it refuses a client without a certificate, then reads what the client
        // still sends before it closes (closing with unread bytes would reset the connection, and the
        // client would never read the alert)
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket raw = plain.accept()) {
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) serverTls.getSocketFactory()
                            .createSocket(raw, null, raw.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.setNeedClientAuth(true);
                    try {
                        tls.startHandshake();
                        requested.add("handshake completed");
                    } catch (IOException refused) {
                        raw.getInputStream().transferTo(OutputStream.nullOutputStream());
                    }
                } catch (IOException e) {
                    // the client went away
                }
            }, "tls-refuser");
            t.setDaemon(true);
            t.start();
            trusting(() -> {
                Run r = worker("https://localhost:" + plain.getLocalPort() + "/api");
                assertThat(r.err()).contains("request failed: TLS-alert-received");
                assertThat(r.exit()).isEqualTo(1);
                assertThat(requested).isEmpty();
            });
        }
    }

    @Test
    void throughTheJvmsProxyHttpsAsksForATunnelAndARefusalSaysSo() throws Exception {
        try (RawHttpPeer proxy = new RawHttpPeer(r -> RawHttpPeer.bytes("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n"))) {
            ProxySelector before = ProxySelector.getDefault();
            ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port())));
            try {
                Run r = worker("https://origin.example:8443/api");
                assertThat(r.err()).contains("request failed: internal-error");
                assertThat(r.exit()).isEqualTo(1);
                assertThat(proxy.seen).singleElement().satisfies(req -> {
                    assertThat(req.line()).isEqualTo("CONNECT origin.example:8443 HTTP/1.1");
                    assertThat(req.headers()).containsEntry("host", "origin.example:8443");
                });
            } finally {
                ProxySelector.setDefault(before);
            }
        }
    }
}
