package ai.wippy.runtime.wasip2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server for the wasi:http tests (the JDK's com.sun.net.httpserver):
 * <ul>
 * <li>{@code /echo}: the request's body back (chunked), with {@code x-method}, {@code x-query},
 *     {@code x-length} (its Content-Length or "none"), {@code x-transfer-encoding} (or "none") and {@code x-echo-<name>} for each {@code x-*}
 *     request header (values joined with ","), status from {@code ?status=N} (default 200);
 * <li>{@code /chunks}: five chunks, each flushed on its own;
 * <li>{@code /upload}: reads the body; answers "bytes sha256hex";
 * <li>{@code /download?n=N}: N bytes of {@link #pattern} (chunked);
 * <li>{@code /silent}: never answers (until the server closes); {@code /stall}: sends the head and
 *     10 bytes, then nothing;
 * <li>{@code /fields}, {@code /hello}: 200 "ok" / "hello from the host".
 * </ul>
 */
final class HttpTestServer implements AutoCloseable {

    final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-test-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    /** What each request's method, path and headers were, in arrival order. */
    final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    HttpTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/echo", this::echo);
        server.createContext("/chunks", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    o.write(("chunk " + i + ";").getBytes(StandardCharsets.UTF_8));
                    o.flush();
                }
            }
        });
        server.createContext("/upload", x -> {
            try (InputStream in = x.getRequestBody()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] b = new byte[1 << 16];
                long n = 0;
                for (int k; (k = in.read(b)) > 0;) {
                    sha.update(b, 0, k);
                    n += k;
                }
                reply(x, 200, n + " " + HexFormat.of().formatHex(sha.digest()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        server.createContext("/download", x -> {
            long n = Long.parseLong(x.getRequestURI().getQuery().substring(2));
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                byte[] b = new byte[1 << 16];
                for (long at = 0; at < n; at += b.length) {
                    int k = (int) Math.min(b.length, n - at);
                    pattern(at, b, k);
                    o.write(b, 0, k);
                }
            }
        });
        server.createContext("/silent", x -> {
            record(x);
            await();
            x.close();
        });
        server.createContext("/stall", x -> {
            x.sendResponseHeaders(200, 0);
            OutputStream o = x.getResponseBody();
            o.write("0123456789".getBytes(StandardCharsets.UTF_8));
            o.flush();
            await();
            x.close();
        });
        server.createContext("/fields", x -> {
            record(x);
            reply(x, 200, "ok");
        });
        server.createContext("/hello", x -> reply(x, 200, "hello from the host"));
        server.start();
    }

    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Byte {@code at + i} of a download, for i below {@code n}, into {@code b}. */
    static void pattern(long at, byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            long p = at + i;
            b[i] = (byte) (p * 131 + (p >>> 11));
        }
    }

    /** The sum of the little-endian u64 words of a download of {@code n} bytes (the guest's checksum). */
    static long patternSum(long n) {
        byte[] b = new byte[1 << 16];
        long sum = 0;
        for (long at = 0; at < n; at += b.length) {
            int k = (int) Math.min(b.length, n - at);
            pattern(at, b, k);
            for (int i = 0; i < k; i += 8) {
                long w = 0;
                for (int j = 0; j < 8 && i + j < k; j++) {
                    w |= (b[i + j] & 0xffL) << (8 * j);
                }
                sum += w;
            }
        }
        return sum;
    }

    /** The SHA-256 of what upload(total) sends: 64 KiB blocks of i*7, each starting with its index. */
    static String uploadSha(long total) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 16];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 7);
        }
        for (long at = 0, index = 0; at < total; at += block.length, index++) {
            for (int j = 0; j < 8; j++) {
                block[j] = (byte) (index >>> (8 * j));
            }
            sha.update(block, 0, (int) Math.min(block.length, total - at));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private void echo(HttpExchange x) throws IOException {
        record(x);
        byte[] body = x.getRequestBody().readAllBytes();
        var h = x.getResponseHeaders();
        h.add("x-method", x.getRequestMethod());
        h.add("x-query", String.valueOf(x.getRequestURI().getRawQuery()));
        String length = x.getRequestHeaders().getFirst("Content-Length");
        h.add("x-length", length == null ? "none" : length);
        String coding = x.getRequestHeaders().getFirst("Transfer-Encoding");
        h.add("x-transfer-encoding", coding == null ? "none" : coding);
        for (Map.Entry<String, List<String>> e : x.getRequestHeaders().entrySet()) {
            if (e.getKey().toLowerCase().startsWith("x-")) {
                h.add("x-echo-" + e.getKey().toLowerCase().substring(2), String.join(",", e.getValue()));
            }
        }
        String q = x.getRequestURI().getQuery();
        int status = q != null && q.startsWith("status=") ? Integer.parseInt(q.substring(7)) : 200;
        x.sendResponseHeaders(status, 0);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    private void record(HttpExchange x) {
        seen.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().entrySet());
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private void await() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
