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
import java.io.InputStream;
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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https} requests go through TLS with the JVM's trust store: http-worker.wasm asking an HTTPS
 * server on loopback whose certificate nobody trusts (self-signed, made by {@code keytool} for this
 * test) gets {@code TLS-certificate-error}, and the server saw a handshake but no request. (A
 * certificate the JVM trusts, through {@code javax.net.ssl.trustStore}, is accepted like any
 * other HTTPS client's: the guests' HttpClient uses the JVM's default SSL context.)
 */
class WasiHttpsTest {

    @TempDir
    Path tmp;

    @Test
    void aCertificateNobodyTrustsIsATlsCertificateError() throws Exception {
        char[] password = "changeit".toCharArray();
        Path keystore = tmp.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(keytoolOutput).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
        server.createContext("/", x -> {
            requested.add(x.getRequestURI().toString());
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                    .load("http-worker.wasm", Fixtures.bytes("components/http-worker"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WasiOptions wasi = WasiOptions.builder().arguments(List.of("http-worker", "hello"))
                    .environment(List.of(Map.entry("API_URL", "https://127.0.0.1:" + server.getAddress().getPort() + "/api")))
                    .stdout(out).stderr(err).stdin(new ByteArrayInputStream(new byte[0])).build();
            int exit = 0;
            try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0,
                    Set.of("wasi:cli", "wasi:io", "wasi:poll", "wasi:http")))) {
                e.call("wasi:cli/run@0.2.3#run", null, List.of(), false);
            } catch (WasmCallException x) {
                assertThat(x.reason()).as(x.getMessage()).isEqualTo(WasmCallException.Reason.EXIT);
                exit = x.exitCode();
            }
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("request failed: TLS-certificate-error");
            assertThat(exit).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(requested).as("no request got past the handshake").isEmpty();
        } finally {
            server.stop(0);
        }
    }
}
