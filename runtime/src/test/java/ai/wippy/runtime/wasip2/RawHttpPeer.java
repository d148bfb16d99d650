package ai.wippy.runtime.wasip2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loopback peer that speaks HTTP/1.1 by hand, for what the JDK's server cannot do: read a chunked
 * request's trailers, send trailers, interim responses, malformed or cut-short responses. Each
 * connection is read as one request ({@link Request}: its line, headers, de-chunked body and
 * trailers) and answered with whatever bytes the test's {@link Answer} gives: after the whole
 * request, or (an early answer) as soon as its head is in, the body read after.
 */
final class RawHttpPeer implements AutoCloseable {

    /** A request as it arrived; header and trailer names lower-cased. */
    record Request(String line, Map<String, String> headers, byte[] body, Map<String, String> trailers) {
    }

    /** The bytes to answer a request with, written as they are. */
    interface Answer {
        byte[] to(Request r);
    }

    private final ServerSocket server;
    private final Thread thread;
    /** Every request read, in arrival order. */
    final ConcurrentLinkedQueue<Request> seen = new ConcurrentLinkedQueue<>();

    RawHttpPeer(Answer answer) throws IOException {
        this(answer, false);
    }

    /** @param early answer once the head is in (the answer sees an empty body), then read the body */
    RawHttpPeer(Answer answer, boolean early) throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    Request head = head(in);
                    if (early) {
                        out.write(answer.to(head));
                        out.flush();
                    }
                    Request r = body(in, head);
                    seen.add(r);
                    if (!early) {
                        out.write(answer.to(r));
                        out.flush();
                    }
                } catch (IOException e) {
                    // the connection or the server closed: next one
                }
            }
        }, "raw-http-peer");
        thread.setDaemon(true);
        thread.start();
    }

    String authority() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Request head(InputStream in) throws IOException {
        String line = line(in);
        return new Request(line, fields(in), new byte[0], Map.of());
    }

    private static Request body(InputStream in, Request head) throws IOException {
        Map<String, String> headers = head.headers();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> trailers = new LinkedHashMap<>();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                int n = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (n == 0) {
                    trailers = fields(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Request(head.line(), headers, body.toByteArray(), trailers);
    }

    private static Map<String, String> fields(InputStream in) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty();) {
            int colon = l.indexOf(':');
            out.merge(l.substring(0, colon).toLowerCase(), l.substring(colon + 1).trim(), (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String line(InputStream in) throws IOException {
        List<Byte> b = new ArrayList<>();
        for (int c; (c = in.read()) != '\n';) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                b.add((byte) c);
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
