package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitVariant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * wasi:http on the WASI 0.2 host, driven by a real guest (fixtures/components http.wasm: C over the
 * canonical ABI, see src/http/http.c) against a loopback HTTP server this test starts
 * ({@link HttpTestServer}): requests with headers and bodies both ways, chunked and large bodies
 * streamed through, a declared content-length held to, the request-options timeouts, refused
 * connections, the fields rules (invalid, forbidden, immutable), a guest parked on a response stopped
 * by its deadline with the exchange cancelled at Close, and no network at all without the wasi:http
 * grant. Against a {@link RawHttpPeer} (HTTP/1.1 by hand), what is on the wire: trailers both ways,
 * every way a response body is framed, interim responses skipped, malformed and cut-short responses,
 * and the JVM's HTTP proxy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasiHttpTest {

    /** wasi:http/types error-code, in order (the guest reports indexes). */
    static final List<String> CODES = List.of("DNS-timeout", "DNS-error", "destination-not-found",
            "destination-unavailable", "destination-IP-prohibited", "destination-IP-unroutable", "connection-refused",
            "connection-terminated", "connection-timeout", "connection-read-timeout", "connection-write-timeout",
            "connection-limit-reached", "TLS-protocol-error", "TLS-certificate-error", "TLS-alert-received",
            "HTTP-request-denied", "HTTP-request-length-required", "HTTP-request-body-size",
            "HTTP-request-method-invalid", "HTTP-request-URI-invalid", "HTTP-request-URI-too-long",
            "HTTP-request-header-section-size", "HTTP-request-header-size", "HTTP-request-trailer-section-size",
            "HTTP-request-trailer-size", "HTTP-response-incomplete", "HTTP-response-header-section-size",
            "HTTP-response-header-size", "HTTP-response-body-size", "HTTP-response-trailer-section-size",
            "HTTP-response-trailer-size", "HTTP-response-transfer-coding", "HTTP-response-content-coding",
            "HTTP-response-timeout", "HTTP-upgrade-failed", "HTTP-protocol-error", "loop-detected",
            "configuration-error", "internal-error");

    static final Set<String> GRANTS = Set.of("wasi:io", "wasi:poll", "wasi:http");

    private static Program program;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    /** The peer's and the interrupt's threads: their own, not the common pool (one thread on 2 cores). */
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpTestServer server;

    @BeforeAll
    static void load() throws IOException {
        Path wasm = Fixtures.dir().getParent().resolve("components/wasm/http.wasm");
        program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("http.wasm", Files.readAllBytes(wasm));
    }

    @BeforeEach
    void start() throws IOException {
        server = new HttpTestServer();
        cleanup.add(server);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        threads.shutdownNow();
    }

    private Execution guest(Set<String> grants) {
        WasiOptions wasi = WasiOptions.builder().stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream())
                .stdin(InputStream.nullInputStream()).build();
        Execution e = program.instantiate(new ExecutionConfig(wasi, 0, grants));
        cleanup.add(e);
        return e;
    }

    private static Object call(Execution e, String function, Object... args) {
        WitFunction f = program.signature(function, null);
        return e.invoke(f, java.util.Arrays.asList(args)); // an argument may be null (none)
    }

    /** An error of the guest's (stage * 256 + code) in words. */
    static String describe(Object error) {
        int e = ((Number) error).intValue();
        int code = e & 0xff;
        String what = code < CODES.size() ? CODES.get(code)
                : code == 100 ? "stream closed" : code == 101 ? "stream failed"
                : code >= 110 && code <= 112 ? "header-error " + List.of("invalid-syntax", "forbidden", "immutable").get(code - 110)
                : code == 120 ? "err" : code >= 200 && code - 200 < CODES.size() ? "stream failed: " + CODES.get(code - 200)
                : "code " + code;
        return "stage " + (e >> 8) + ": " + what;
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> timeouts(int connectMs, int firstByteMs, int betweenBytesMs) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("connect-ms", (long) connectMs);
        t.put("first-byte-ms", (long) firstByteMs);
        t.put("between-bytes-ms", (long) betweenBytesMs);
        return t;
    }

    private static List<Object> headers(String... nameValue) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(List.of(nameValue[i], nameValue[i + 1].getBytes(StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** The request export's result: ok as a Response, err as {@link #describe}. */
    private Object request(Execution e, WitVariant method, String path, List<Object> headers, byte[] body,
            Map<String, Object> timeouts) {
        return request(e, server.authority(), method, path, headers, body, timeouts);
    }

    private Object request(Execution e, String authority, WitVariant method, String path, List<Object> headers, byte[] body,
            Map<String, Object> timeouts) {
        WitResult r = (WitResult) call(e, "request", method, authority, path, headers, body, timeouts);
        if (!r.isOk()) {
            return describe(r.value());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) r.value();
        Map<String, String> h = new LinkedHashMap<>();
        for (Object o : (List<?>) v.get("headers")) {
            List<?> pair = (List<?>) o;
            h.merge(((String) pair.get(0)).toLowerCase(), new String(Values.bytes(pair.get(1)), StandardCharsets.ISO_8859_1),
                    (a, b) -> a + "," + b);
        }
        return new Response(((Number) v.get("status")).intValue(), h, Values.bytes(v.get("body")));
    }

    private static WitVariant method(String name) {
        return new WitVariant(name, null);
    }

    private static Map<String, Object> noTimeouts() {
        return timeouts(0, 0, 0);
    }

    // ------------------------------------------------------------------ requests

    @Test
    void aGetCarriesItsHeadersAndQueryAndGetsTheResponsesHeaders() {
        Object r = request(guest(GRANTS), method("get"), "/echo?a=1&b=two",
                headers("X-Token", "abc", "x-multi", "1", "X-Multi", "2", "Accept", "text/plain"), new byte[0], noTimeouts());
        assertThat(r).isInstanceOf(Response.class);
        Response resp = (Response) r;
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.headers()).containsEntry("x-method", "GET").containsEntry("x-query", "a=1&b=two")
                .containsEntry("x-echo-token", "abc").containsEntry("x-echo-multi", "1,2");
        // the guest finished an empty body right after handle: no chunked body on a GET
        assertThat(resp.headers().get("x-length")).isIn("none", "0");
        assertThat(resp.headers()).containsEntry("x-transfer-encoding", "none");
        assertThat(resp.body()).isEmpty();
        assertThat(server.seen).singleElement().asString().startsWith("GET /echo?a=1&b=two ");
    }

    @Test
    void aPostStreamsItsBodyAndTheResponseBodyComesBack() {
        byte[] body = new byte[3_000_000]; // several queue-fulls of blocking-write-and-flush's 4096
        new java.util.Random(7).nextBytes(body);
        Response r = (Response) request(guest(GRANTS), method("post"), "/echo", headers("Content-Type", "application/x-test"),
                body, noTimeouts());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("x-method", "POST");
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void otherMethodsAndStatusesPassThrough() {
        Execution e = guest(GRANTS);
        Response r = (Response) request(e, new WitVariant("other", "PROPFIND"), "/echo?status=207", headers(),
                new byte[0], noTimeouts());
        assertThat(r.status()).isEqualTo(207);
        assertThat(r.headers()).containsEntry("x-method", "PROPFIND");
        Response notFound = (Response) request(e, method("put"), "/echo?status=404", headers(), "x".getBytes(), noTimeouts());
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.headers()).containsEntry("x-method", "PUT");
        assertThat(notFound.text()).isEqualTo("x");
    }

    @Test
    void aDeclaredContentLengthIsSentAndHeldTo() {
        Execution e = guest(GRANTS);
        Response r = (Response) request(e, method("post"), "/echo", headers("content-length", "5"), "hello".getBytes(),
                noTimeouts());
        assertThat(r.headers()).containsEntry("x-length", "5");
        assertThat(r.text()).isEqualTo("hello");
        // fewer bytes than declared: finish fails; more: the write fails
        assertThat(request(e, method("post"), "/echo", headers("content-length", "5"), "hey".getBytes(), noTimeouts()))
                .isEqualTo("stage 9: HTTP-request-body-size");
        assertThat(request(e, method("post"), "/echo", headers("content-length", "5"), "hello!!".getBytes(), noTimeouts()))
                .isEqualTo("stage 8: stream failed: HTTP-request-body-size");
    }

    @Test
    void aChunkedResponseIsReadAsItComes() {
        Response r = (Response) request(guest(GRANTS), method("get"), "/chunks", headers(), new byte[0], noTimeouts());
        assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
        assertThat(r.text()).isEqualTo("chunk 0;chunk 1;chunk 2;chunk 3;chunk 4;");
    }

    @Test
    void bodiesOfManyMegabytesStreamBothWays() throws Exception {
        Execution e = guest(GRANTS);
        long total = 24L << 20;
        WitResult up = (WitResult) call(e, "upload", server.authority(), "/upload", total);
        assertThat(up.isOk()).as("upload %s", up.isOk() ? "" : describe(up.value())).isTrue();
        List<?> upv = (List<?>) up.value();
        assertThat(((Number) upv.get(0)).intValue()).isEqualTo(200);
        assertThat(new String(Values.bytes(upv.get(1)), StandardCharsets.UTF_8))
                .isEqualTo(total + " " + HttpTestServer.uploadSha(total));
        long n = (24L << 20) + 5; // not a whole number of words or chunks
        WitResult down = (WitResult) call(e, "download", server.authority(), "/download?n=" + n);
        assertThat(down.isOk()).as("download %s", down.isOk() ? "" : describe(down.value())).isTrue();
        List<?> dv = (List<?>) down.value();
        assertThat(((Number) dv.get(0)).intValue()).isEqualTo(200);
        assertThat(((Number) dv.get(1)).longValue()).isEqualTo(n);
        assertThat(((Number) dv.get(2)).longValue()).isEqualTo(HttpTestServer.patternSum(n));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aServerThatNeverAnswersIsAReadTimeoutAtTheFirstByteTimeout() {
        long t0 = System.nanoTime();
        assertThat(request(guest(GRANTS), method("get"), "/silent", headers(), new byte[0], timeouts(0, 300, 0)))
                .isEqualTo("stage 10: connection-read-timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
    }

    @Test
    void aBodyThatStallsFailsAtTheBetweenBytesTimeout() {
        long t0 = System.nanoTime();
        assertThat(request(guest(GRANTS), method("get"), "/stall", headers(), new byte[0], timeouts(0, 0, 300)))
                .isEqualTo("stage 11: stream failed: connection-read-timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
    }

    @Test
    void aConnectThatHangsIsAConnectionTimeoutAtTheConnectTimeout() throws Exception {
        // a listener that never accepts, its backlog full: the kernel drops further SYNs, connect hangs
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        cleanup.add(full);
        for (int i = 0; i < 8; i++) {
            java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open();
            c.configureBlocking(false);
            c.connect(full.getLocalSocketAddress());
            cleanup.add(c);
        }
        Execution e = guest(GRANTS);
        long t0 = System.nanoTime();
        WitResult r = (WitResult) call(e, "request", method("get"), "127.0.0.1:" + full.getLocalPort(), "/", headers(),
                new byte[0], timeouts(300, 0, 0));
        assertThat(describe(r.value())).isEqualTo("stage 10: connection-timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        WitResult r = (WitResult) call(guest(GRANTS), "download", "127.0.0.1:" + port, "/");
        assertThat(describe(r.value())).isEqualTo("stage 10: connection-refused");
    }

    @Test
    void aNameThatDoesNotResolveIsADnsError() {
        WitResult r = (WitResult) call(guest(GRANTS), "download", "no-such-host.invalid", "/");
        assertThat(describe(r.value())).isEqualTo("stage 10: DNS-error");
    }

    @Test
    void anAuthorityMissingOrMalformedIsRefusedByHandle() {
        WitResult r = (WitResult) call(guest(GRANTS), "download", "user@127.0.0.1:1", "/");
        assertThat(describe(r.value())).isEqualTo("stage 7: HTTP-request-URI-invalid");
    }

    @Test
    void aConnectAndAPortBeyond65535AreRefusedByHandle() {
        Execution e = guest(GRANTS);
        assertThat(request(e, method("connect"), "/", headers(), new byte[0], noTimeouts()))
                .isEqualTo("stage 7: HTTP-protocol-error");
        assertThat(request(e, "127.0.0.1:99999", method("get"), "/", headers(), new byte[0], noTimeouts()))
                .isEqualTo("stage 7: HTTP-request-URI-invalid");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void aGuestHasAtMostSixteenExchangesUnderWay() {
        @SuppressWarnings("unchecked")
        List<Object> got = (List<Object>) call(guest(GRANTS), "hold", server.authority(), "/silent", 17L);
        List<Integer> codes = got.stream().map(o -> ((Number) o).intValue()).toList();
        assertThat(codes.subList(0, 16)).containsOnly(0);
        assertThat(CODES.get(codes.get(16) - 1)).isEqualTo("connection-limit-reached");
    }

    @Test
    void aHeaderSectionBeyond64KibIsRefusedByHandle() {
        String big = "v".repeat(70_000);
        assertThat(request(guest(GRANTS), method("get"), "/echo", headers("x-big", big), new byte[0], noTimeouts()))
                .isEqualTo("stage 7: HTTP-request-header-section-size");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void fieldsAreCheckedAndImmutableWhereTheWitSaysSo() {
        @SuppressWarnings("unchecked")
        List<Object> got = (List<Object>) call(guest(GRANTS), "fields-checks", server.authority());
        List<Integer> codes = got.stream().map(o -> ((Number) o).intValue()).toList();
        int syntax = 110;
        int forbidden = 111;
        int immutable = 112;
        int err = 120;
        assertThat(codes).containsExactly(
                syntax, forbidden, syntax,          // from-list: a space in a name, Host, a newline in a value
                0, 2, 1, 3,                         // from-list ok, get x-A (case-insensitive), has X-b, entries
                0, 1, 2,                            // set x-a [9], get, entries
                0, 0,                               // delete x-b, has x-b
                0, 0, 0,                            // clone, append to the clone, the original unchanged
                syntax, forbidden, syntax,          // set a CR value, set connection, append a:b
                err, err, err, err,                 // set-method "BAD METHOD", scheme "1x", authority a/b, path "/a b"
                immutable,                          // the request's headers: an immutable child of the request
                0, err,                             // body once
                0,                                  // handle
                immutable,                          // the request's headers after handle
                0,                                  // finish
                200, err,                           // the response, then get again
                immutable, immutable, immutable,    // the response's headers
                0, err, 0, err,                     // consume once, stream once
                0, err,                             // no trailers, then get again
                0, 0, 1500, 0, 250,                 // request-options
                0, 0, 0, 2, 11, 14);                // a new fields, a request's defaults and setters
        assertThat(server.seen).singleElement().asString().startsWith("GET /fields ").contains("X-a=[9]")
                .doesNotContain("X-e").doesNotContain("X-f").doesNotContain("X-b");
    }

    // ------------------------------------------------------------------ waiting, Close, grants

    @Test
    void aGuestParkedOnAResponseIsStoppedByItsDeadlineAndCloseCancelsTheExchange() throws Exception {
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Integer> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = peer.accept()) {
                    s.setSoTimeout(20_000);
                    InputStream in = s.getInputStream();
                    int b;
                    int crlf = 0;
                    while (crlf < 4 && (b = in.read()) >= 0) { // the request's head
                        crlf = b == '\r' || b == '\n' ? crlf + 1 : 0;
                    }
                    while (in.read() >= 0) {
                        // never answered: the end comes when the host gives the exchange up
                    }
                    return -1;
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            }, threads);
            Execution e = guest(GRANTS);
            Thread caller = Thread.currentThread();
            long t0 = System.nanoTime();
            // the process host's max_execution_ms (and terminate) interrupt the guest's thread: so does this
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS, threads).execute(caller::interrupt);
            assertThatThrownBy(() -> call(e, "download", "127.0.0.1:" + peer.getLocalPort(), "/"))
                    .isInstanceOf(WasmCallException.class)
                    .satisfies(x -> assertThat(((WasmCallException) x).reason()).isEqualTo(WasmCallException.Reason.INTERRUPTED));
            Thread.interrupted();
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
            e.close();
            assertThat(seen.get(20, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void withoutTheGrantThereIsNoNetwork() {
        Execution e = guest(Set.of("wasi:io", "wasi:poll"));
        assertThatThrownBy(() -> call(e, "download", server.authority(), "/hello"))
                .isInstanceOf(WasmCallException.class)
                .hasMessageContaining("wasi:http/types@0.2.0#[static]fields.from-list: the entry does not grant wasi:http;"
                        + " add it to the entry's imports (imports: [wasi:http])");
        assertThat(server.seen).isEmpty();
    }

    // ------------------------------------------------------------------ on the wire

    private RawHttpPeer peer(RawHttpPeer.Answer answer) throws IOException {
        RawHttpPeer p = new RawHttpPeer(answer);
        cleanup.add(p);
        return p;
    }

    /** The trailers export's result as [status, body, trailers as "name=value" or null], or {@link #describe}. */
    private static Object trailers(Execution e, String authority, String path, String body, List<Object> trailers) {
        WitResult r = (WitResult) call(e, "trailers", authority, path, body.getBytes(StandardCharsets.UTF_8), trailers);
        if (!r.isOk()) {
            return describe(r.value());
        }
        List<?> v = (List<?>) r.value();
        List<String> got = null;
        if (v.get(2) != null) {
            got = new ArrayList<>();
            for (Object o : (List<?>) v.get(2)) {
                List<?> pair = (List<?>) o;
                got.add(pair.get(0) + "=" + new String(Values.bytes(pair.get(1)), StandardCharsets.ISO_8859_1));
            }
        }
        return java.util.Arrays.asList(((Number) v.get(0)).intValue(), new String(Values.bytes(v.get(1)),
                StandardCharsets.UTF_8), got);
    }

    private static String chunked(String head, String... chunksThenTrailerSection) {
        StringBuilder b = new StringBuilder(head).append("transfer-encoding: chunked\r\n\r\n");
        for (int i = 0; i < chunksThenTrailerSection.length - 1; i++) {
            String c = chunksThenTrailerSection[i];
            b.append(Integer.toHexString(c.length())).append("\r\n").append(c).append("\r\n");
        }
        return b.append("0\r\n").append(chunksThenTrailerSection[chunksThenTrailerSection.length - 1]).append("\r\n")
                .toString();
    }

    @Test
    void trailersFollowAChunkedRequestBodyAndComeBackAfterTheResponseBody() throws IOException {
        RawHttpPeer p = peer(r -> {
            StringBuilder t = new StringBuilder();
            r.trailers().forEach((k, v) -> t.append("x-got-").append(k).append(": ").append(v).append("\r\n"));
            t.append("x-count: ").append(r.trailers().size()).append("\r\n");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            return RawHttpPeer.bytes(chunked("HTTP/1.1 200 OK\r\ntrailer: x-count\r\n", body.substring(0, 5),
                    body.substring(5), t.toString()));
        });
        Object got = trailers(guest(GRANTS), p.authority(), "/t", "hello trailers",
                headers("X-Checksum", "abc123", "x-note", "two words"));
        assertThat(got).isEqualTo(java.util.Arrays.asList(200, "hello trailers",
                List.of("x-got-x-checksum=abc123", "x-got-x-note=two words", "x-count=2")));
        RawHttpPeer.Request sent = p.seen.peek();
        assertThat(sent.line()).isEqualTo("POST /t HTTP/1.1");
        assertThat(sent.headers()).containsEntry("transfer-encoding", "chunked").doesNotContainKey("content-length")
                .containsEntry("host", p.authority());
        assertThat(sent.trailers()).containsExactly(Map.entry("x-checksum", "abc123"), Map.entry("x-note", "two words"));
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("hello trailers");
    }

    @Test
    void aResponseWithoutTrailersGivesNone() throws IOException {
        RawHttpPeer p = peer(r -> RawHttpPeer.bytes(r.line().startsWith("POST /chunked")
                ? chunked("HTTP/1.1 200 OK\r\n", "abc", "")
                : "HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc"));
        Execution e = guest(GRANTS);
        assertThat(trailers(e, p.authority(), "/chunked", "x", null)).isEqualTo(java.util.Arrays.asList(200, "abc", null));
        assertThat(trailers(e, p.authority(), "/length", "", null)).isEqualTo(java.util.Arrays.asList(200, "abc", null));
        List<RawHttpPeer.Request> sent = new ArrayList<>(p.seen);
        assertThat(sent.get(0).trailers()).isEmpty();
        assertThat(sent.get(1).headers()).as("an empty POST body is announced").containsEntry("content-length", "0");
    }

    @Test
    void everyFramingOfAResponseBodyIsReadAndInterimResponsesAreSkipped() throws IOException {
        RawHttpPeer p = peer(r -> RawHttpPeer.bytes(switch (r.line().split(" ")[1]) {
            case "/interim" -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n"
                    + "HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok";
            case "/to-close" -> "HTTP/1.1 200 OK\r\nx-a: 1\r\n\r\nuntil the connection closes";
            case "/no-content" -> "HTTP/1.1 204 No Content\r\n\r\n";
            default -> "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n"; // a HEAD's: no body follows
        }));
        Execution e = guest(GRANTS);
        Response interim = (Response) request(e, p.authority(), method("get"), "/interim", headers(), new byte[0], noTimeouts());
        assertThat(interim.status()).isEqualTo(201);
        assertThat(interim.text()).isEqualTo("ok");
        assertThat(interim.headers()).doesNotContainKey("link");
        Response toClose = (Response) request(e, p.authority(), method("get"), "/to-close", headers(), new byte[0], noTimeouts());
        assertThat(toClose.text()).isEqualTo("until the connection closes");
        assertThat(toClose.headers()).containsEntry("x-a", "1");
        Response noContent = (Response) request(e, p.authority(), method("get"), "/no-content", headers(), new byte[0],
                noTimeouts());
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        Response head = (Response) request(e, p.authority(), method("head"), "/head", headers(), new byte[0], noTimeouts());
        assertThat(head.headers()).containsEntry("content-length", "5");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void malformedOrCutShortResponsesAreTheWitsErrors() throws IOException {
        RawHttpPeer p = peer(r -> RawHttpPeer.bytes(switch (r.line().split(" ")[1]) {
            case "/not-http" -> "SMTP ready\r\n\r\n";
            case "/nothing" -> "";
            case "/huge-head" -> "HTTP/1.1 200 OK\r\nx-big: " + "v".repeat(70_000) + "\r\n\r\n";
            case "/folded" -> "HTTP/1.1 200 OK\r\nx-a: 1\r\n  folded\r\ncontent-length: 0\r\n\r\n";
            case "/two-lengths" -> "HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\nabcd";
            case "/short" -> "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort";
            case "/short-chunk" -> "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n10\r\nabc";
            case "/bad-chunk" -> "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n";
            case "/bad-chunk-end" -> "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabcXYZ\r\n0\r\n\r\n";
            case "/huge-trailers" -> chunked("HTTP/1.1 200 OK\r\n", "abc", "x-big: " + "v".repeat(70_000) + "\r\n");
            default -> "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n";
        }));
        Execution e = guest(GRANTS);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/not-http", "stage 10: HTTP-protocol-error");
        expected.put("/nothing", "stage 10: connection-terminated");
        expected.put("/huge-head", "stage 10: HTTP-response-header-section-size");
        expected.put("/folded", "stage 10: HTTP-protocol-error");
        expected.put("/two-lengths", "stage 10: HTTP-protocol-error");
        expected.put("/upgrade", "stage 10: HTTP-protocol-error");
        expected.put("/short", "stage 11: stream failed: HTTP-response-incomplete");
        expected.put("/short-chunk", "stage 11: stream failed: HTTP-response-incomplete");
        expected.put("/bad-chunk", "stage 11: stream failed: HTTP-protocol-error");
        expected.put("/bad-chunk-end", "stage 11: stream failed: HTTP-protocol-error");
        expected.put("/huge-trailers", "stage 11: stream failed: HTTP-response-trailer-section-size");
        Map<String, Object> got = new LinkedHashMap<>();
        for (String path : expected.keySet()) {
            got.put(path, request(e, p.authority(), method("get"), path, headers(), new byte[0], noTimeouts()));
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aServerThatAnswersBeforeTheBodyIsInStillGetsAllOfIt() throws IOException {
        RawHttpPeer p = new RawHttpPeer(r -> RawHttpPeer.bytes("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nearly"), true);
        cleanup.add(p);
        byte[] body = new byte[300_000];
        new java.util.Random(3).nextBytes(body);
        Object r = request(guest(GRANTS), p.authority(), method("post"), "/early", headers("content-length", "300000"),
                body, noTimeouts());
        assertThat(r).isInstanceOf(Response.class);
        assertThat(((Response) r).text()).isEqualTo("early");
        assertThat(p.seen.peek().body()).isEqualTo(body);
    }

    @Test
    void throughTheJvmsHttpProxyARequestNamesItsOriginInFull() throws IOException {
        RawHttpPeer proxy = peer(r -> RawHttpPeer.bytes("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nvia proxy"));
        java.net.ProxySelector before = java.net.ProxySelector.getDefault();
        java.net.ProxySelector.setDefault(java.net.ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                proxy.port())));
        try {
            Response r = (Response) request(guest(GRANTS), "origin.example:8080", method("get"), "/p?q=1", headers(),
                    new byte[0], noTimeouts());
            assertThat(r.text()).isEqualTo("via proxy");
        } finally {
            java.net.ProxySelector.setDefault(before);
        }
        RawHttpPeer.Request sent = proxy.seen.peek();
        assertThat(sent.line()).isEqualTo("GET http://origin.example:8080/p?q=1 HTTP/1.1");
        assertThat(sent.headers()).containsEntry("host", "origin.example:8080");
    }
}
