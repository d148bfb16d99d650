package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.process.ProcessThreads;
import ai.wippy.runtime.wit.WitVariant;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One outgoing HTTP/1.1 exchange on a connection of its own, plain or TLS, direct or through the
 * JVM's default HTTP proxy ({@code http.proxyHost}, {@code https.proxyHost}; a CONNECT tunnel for
 * HTTPS). It is ours rather than Java's HttpClient because wasi:http has trailers both ways, and
 * HttpClient can neither send them nor show those it receives; it speaks HTTP/1.1 only, as wasmtime's
 * host does.
 *
 * <p>The exchange runs by blocking I/O on a thread of its own (virtual on Java 21+), the request body
 * on a second one while the response is read: a server may answer before it has read the whole body.
 * The guest never waits for these threads: they fill and drain the bounded {@link RequestBody} and
 * {@link ResponseBody} and wake it. The response head completes {@link #response}; its body is read
 * only as fast as the {@link BodyReceiver} asks. {@link #cancel} closes the connection, which ends
 * both threads at once.
 *
 * <p>Framing as RFC 9112 says: the request body by its content-length (declared by the guest, or the
 * length of a body finished before the head went out) or chunked (with the trailers given to finish);
 * the response body none (HEAD, 1xx, 204, 304), chunked (its trailers read), by content-length or to
 * the connection's end. Interim 1xx responses are skipped. Bounds: {@link #MAX_HEAD_BYTES} of
 * response header section and as much of trailers.
 */
final class Http1Exchange {

    /** A response's header section (or trailer section), at most. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Interim (1xx) responses skipped before the final one, at most. */
    static final int MAX_INTERIM = 16;
    /** Bytes handed to the receiver at a time, at most. */
    static final int READ_BYTES = 16 * 1024;

    /**
     * What to send: {@code target} the request-target (origin form), {@code body} null for none,
     * timeouts in nanoseconds (0: none).
     */
    record Request(String method, boolean https, String host, int port, String authority, String target,
            List<HttpFields.Field> headers, RequestBody body, long connectTimeout, long firstByteTimeout,
            long betweenBytesTimeout) {
    }

    /** The final response's head. */
    record Head(int status, HttpFields headers) {
    }

    /** Where the response body goes, called on the exchange's thread. */
    interface BodyReceiver {
        /** First, once: how the receiver asks for more ({@link Demand#request}) or gives up. */
        void onStart(Demand demand);

        void onData(byte[] bytes);

        /** The whole body has passed; {@code trailers} null when it had none. */
        void onEnd(HttpFields trailers);

        void onError(HttpError error);
    }

    /** The receiver's side of the flow: each {@code request} lets one more piece of the body come. */
    interface Demand {
        void request(long n);

        void cancel();
    }

    private enum Framing { NONE, LENGTH, CHUNKED, TO_CLOSE }

    private final Request request;
    private final CompletableFuture<Head> response = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Socket socket;
    /** The request body the second thread streams, once it does; what {@link #cancel} stops. */
    private RequestBody streamed;
    private BodyReceiver receiver;
    private long demand;
    private boolean cancelled;
    /** The request body's thread is still sending; {@link #responseDone}: the response has been read whole. */
    private boolean sending;
    private boolean responseDone;
    /** The HTTP proxy the connection goes through, or null; set by {@link #connect}. */
    private InetSocketAddress proxy;

    private Http1Exchange(Request request) {
        this.request = request;
    }

    /** Starts the exchange on a thread of its own. */
    static Http1Exchange start(Request request) {
        Http1Exchange x = new Http1Exchange(request);
        ProcessThreads.startIo("wippy-http", x::run);
        return x;
    }

    /** Completes with the final response's head, or with the {@link HttpError} the exchange failed with. */
    CompletableFuture<Head> response() {
        return response;
    }

    /** Where the body goes: the exchange reads it once this is set, as fast as the receiver asks. */
    void receive(BodyReceiver r) {
        lock.lock();
        try {
            receiver = r;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        r.onStart(new Demand() {
            @Override
            public void request(long n) {
                lock.lock();
                try {
                    demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void cancel() {
                Http1Exchange.this.cancel();
            }
        });
    }

    /** Ends the exchange where it is: the connection is closed, both threads stop. */
    void cancel() {
        Socket s;
        RequestBody b;
        lock.lock();
        try {
            cancelled = true;
            s = socket;
            b = streamed;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(s);
        if (b != null) {
            b.cancel();
        }
    }

    private boolean cancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the exchange's thread

    private void run() {
        boolean headReceived = false;
        boolean complete = false;
        try {
            Socket s = connect();
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            Http1Input in = new Http1Input(s);
            long length = request.body == null ? 0 : request.body.contentLength();
            boolean headOut = true;
            try {
                writeHead(out, length);
            } catch (IOException e) {
                // the server closed before the head was out; it may have said why (a TLS alert, an
                // early response): what the reading side gets is the exchange's outcome, and the
                // guest's body goes nowhere
                headOut = false;
                if (request.body != null) {
                    request.body.abort(new HttpError("connection-terminated"));
                }
            }
            boolean chunked = length < 0;
            if (headOut && request.body != null && length != 0) {
                lock.lock();
                try {
                    streamed = request.body;
                    sending = true;
                } finally {
                    lock.unlock();
                }
                ProcessThreads.startIo("wippy-http-body", () -> sendBody(out, chunked));
            } else {
                try {
                    out.flush();
                } catch (IOException e) {
                    // as above: the reading side tells how the exchange ended
                }
            }
            if (request.firstByteTimeout > 0) {
                in.deadline(System.nanoTime() + request.firstByteTimeout);
            }
            Head head = readHead(in);
            in.deadline(0);
            in.gap(request.betweenBytesTimeout);
            Framing framing = framing(head);
            long bodyLength = framing == Framing.LENGTH ? contentLength(head.headers) : -1;
            headReceived = true;
            response.complete(head);
            readBody(in, framing, bodyLength);
            complete = true;
        } catch (Throwable t) {
            fail(t, headReceived);
        } finally {
            if (complete) {
                over(true);
            } else {
                cancel();
            }
        }
    }

    /**
     * One side of the exchange is over: the whole response has been read ({@code response}) or the
     * request body has been sent or failed. A server may answer before the request body is all there
     * (and go on reading it): the connection closes once both sides are over.
     */
    private void over(boolean response) {
        boolean close;
        lock.lock();
        try {
            if (response) {
                responseDone = true;
            } else {
                sending = false;
            }
            close = responseDone && !sending;
        } finally {
            lock.unlock();
        }
        if (close) {
            cancel();
        }
    }

    private void fail(Throwable t, boolean headReceived) {
        if (cancelled()) {
            response.completeExceptionally(HttpError.internal("the request was cancelled"));
            return; // the guest gave the exchange up: nobody hears how it ended
        }
        HttpError e;
        if (t instanceof Http1Input.DeadlineException) {
            e = new HttpError("connection-read-timeout");
        } else if (t instanceof EOFException && !headReceived) {
            e = new HttpError("connection-terminated");
        } else {
            e = HttpError.of(t, headReceived);
        }
        failWith(e);
        if (request.body != null) {
            request.body.abort(e);
        }
    }

    /** The exchange's outcome is this error: the future's before the head arrived, else the body's. */
    private void failWith(HttpError e) {
        if (!response.completeExceptionally(e)) {
            BodyReceiver r;
            lock.lock();
            try {
                r = receiver;
            } finally {
                lock.unlock();
            }
            if (r != null) {
                r.onError(e);
            }
        }
    }

    private Socket connect() throws IOException {
        String host = request.host.startsWith("[") ? request.host.substring(1, request.host.length() - 1) : request.host;
        proxy = defaultProxy();
        long deadline = request.connectTimeout > 0 ? System.nanoTime() + request.connectTimeout : 0;
        Socket s;
        if (proxy != null) {
            s = connectTo(List.of(proxy), deadline);
        } else {
            List<SocketAddress> addresses = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) {
                addresses.add(new InetSocketAddress(a, request.port));
            }
            s = connectTo(addresses, deadline);
        }
        s.setTcpNoDelay(true);
        if (proxy != null && request.https) {
            tunnel(s);
        }
        if (!request.https) {
            return s;
        }
        SSLSocket tls;
        try {
            tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(s, host, request.port, true);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this JVM", e);
        }
        // cancel closes the TCP socket under it, not the TLS one: SSLSocket.close would try to send a
        // close_notify, which can wait on a peer that reads nothing
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        p.setApplicationProtocols(new String[] {"http/1.1"});
        if (!isIpLiteral(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(p);
        // the handshake is part of connecting: what is left of the connect timeout bounds it (wasmtime's too)
        tls.setSoTimeout(connectMillisLeft(deadline));
        try {
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new HttpError("connection-timeout");
        }
        return tls;
    }

    private Socket connectTo(List<SocketAddress> addresses, long deadline) throws IOException {
        IOException last = null;
        for (SocketAddress a : addresses) {
            int timeout = connectMillisLeft(deadline);
            Socket s = new Socket();
            own(s);
            try {
                s.connect(a, timeout);
                return s;
            } catch (SocketTimeoutException e) {
                closeQuietly(s);
                throw new HttpError("connection-timeout");
            } catch (IOException e) {
                closeQuietly(s);
                if (cancelled()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** What is left until the connect deadline as a socket timeout (0: no deadline); none left is connection-timeout. */
    private static int connectMillisLeft(long deadline) {
        if (deadline == 0) {
            return 0;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpError("connection-timeout");
        }
        return Http1Input.millis(left);
    }

    /** Remembers the TCP socket so that {@link #cancel} can close it; closes it at once when cancelled already. */
    private void own(Socket s) throws IOException {
        boolean gone;
        lock.lock();
        try {
            socket = s;
            gone = cancelled;
        } finally {
            lock.unlock();
        }
        if (gone) {
            closeQuietly(s);
            throw new IOException("the request was cancelled");
        }
    }

    /** The JVM's default HTTP proxy for this request, or null for a direct connection. */
    private InetSocketAddress defaultProxy() {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies;
        try {
            proxies = selector.select(URI.create((request.https ? "https://" : "http://") + request.authority + "/"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Proxy p : proxies) {
            if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
                return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
            }
            if (p.type() == Proxy.Type.DIRECT) {
                return null;
            }
        }
        return null;
    }

    private boolean viaPlainProxy() {
        return !request.https && proxy != null;
    }

    /** A CONNECT tunnel through the proxy to the origin, for TLS to run inside. */
    private void tunnel(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        String hostPort = request.host + ":" + request.port;
        out.write(("CONNECT " + hostPort + " HTTP/1.1\r\nhost: " + hostPort + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Http1Input in = new Http1Input(s);
        if (request.connectTimeout > 0) {
            in.deadline(System.nanoTime() + request.connectTimeout);
        }
        Head h = readHead(in);
        if (h.status / 100 != 2) {
            throw new HttpError(new WitVariant("internal-error", "the HTTP proxy refused the tunnel with status " + h.status));
        }
        // a proxy sends nothing after a 2xx to CONNECT until the tunnel carries TLS; the buffer is empty
    }

    private void writeHead(OutputStream out, long length) throws IOException {
        StringBuilder b = new StringBuilder(256);
        String target = viaPlainProxy() ? "http://" + request.authority + request.target : request.target;
        b.append(request.method).append(' ').append(target).append(" HTTP/1.1\r\n");
        b.append("host: ").append(request.authority).append("\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (HttpFields.Field f : request.headers) {
            if (!f.name().equalsIgnoreCase("content-length")) { // the framing below says it
                writeField(out, f);
            }
        }
        if (length < 0) {
            out.write("transfer-encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (length > 0 || request.body != null && request.body.declaredLength() >= 0 || expectsBody(request.method)) {
            out.write(("content-length: " + length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write('\r');
        out.write('\n');
    }

    /** {@code name: value} and its line end (names and values were checked by {@link HttpFields}). */
    private static void writeField(OutputStream out, HttpFields.Field f) throws IOException {
        out.write(f.name().getBytes(StandardCharsets.ISO_8859_1));
        out.write(':');
        out.write(' ');
        out.write(f.value());
        out.write('\r');
        out.write('\n');
    }

    /** Methods whose requests normally carry a body: an empty one is announced as content-length 0. */
    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The request body from the guest's queue to the wire, then the last chunk and the trailers. */
    private void sendBody(OutputStream out, boolean chunked) {
        try {
            byte[] crlf = {'\r', '\n'};
            ByteBuffer next;
            while ((next = request.body.take(out)) != null) {
                if (chunked) {
                    out.write(Long.toHexString(next.remaining()).getBytes(StandardCharsets.ISO_8859_1));
                    out.write(crlf);
                }
                out.write(next.array(), next.arrayOffset() + next.position(), next.remaining());
                if (chunked) {
                    out.write(crlf);
                }
            }
            if (chunked) {
                out.write('0');
                out.write(crlf);
                HttpFields trailers = request.body.trailers();
                if (trailers != null) {
                    for (HttpFields.Field f : trailers.entries()) {
                        writeField(out, f);
                    }
                }
                out.write(crlf);
            }
            out.flush();
        } catch (RequestBody.BodyFailed e) {
            if (cancelled()) {
                return;
            }
            // the guest's body will never be complete: the exchange fails with its reason
            failWith(e.why);
            cancel();
        } catch (IOException | RuntimeException e) {
            // the connection broke while sending: the reading side reports how the exchange ended
            request.body.abort(HttpError.of(e, false));
        } finally {
            over(false);
        }
    }

    // ------------------------------------------------------------------ the response

    private Head readHead(Http1Input in) throws IOException {
        for (int interim = 0; ; interim++) {
            byte[] statusLine;
            try {
                statusLine = in.line(MAX_HEAD_BYTES);
            } catch (Http1Input.LineTooLongException e) {
                throw new HttpError(new WitVariant("HTTP-response-header-section-size", null));
            }
            if (statusLine == null) {
                throw new EOFException("the connection closed before the response");
            }
            int status = status(new String(statusLine, StandardCharsets.ISO_8859_1));
            HttpFields headers = HttpFields.received(fields(in, MAX_HEAD_BYTES - statusLine.length, false));
            if (status >= 200) {
                return new Head(status, headers);
            }
            if (status == 101 || interim == MAX_INTERIM) {
                throw new HttpError("HTTP-protocol-error"); // no upgrade was asked for
            }
        }
    }

    /** The status code of an HTTP/1.x status line. */
    private static int status(String line) {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || !Character.isDigit(line.charAt(7))
                || line.charAt(8) != ' ' || line.length() > 12 && line.charAt(12) != ' ') {
            throw new HttpError("HTTP-protocol-error");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpError("HTTP-protocol-error");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new HttpError("HTTP-protocol-error");
        }
        return status;
    }

    /** A field section up to its empty line, in at most {@code budget} bytes; names lower-cased. */
    private static List<HttpFields.Field> fields(Http1Input in, int budget, boolean trailers) throws IOException {
        List<HttpFields.Field> out = new ArrayList<>();
        int left = budget;
        while (true) {
            byte[] line;
            try {
                line = in.line(Math.max(left, 1));
            } catch (Http1Input.LineTooLongException e) {
                throw new HttpError(new WitVariant(trailers ? "HTTP-response-trailer-section-size"
                        : "HTTP-response-header-section-size", null));
            }
            if (line == null) {
                throw new EOFException("the connection closed inside a field section");
            }
            if (line.length == 0) {
                return out;
            }
            left -= line.length + 2;
            if (line[0] == ' ' || line[0] == '\t') {
                throw new HttpError("HTTP-protocol-error"); // obsolete line folding
            }
            int colon = 0;
            while (colon < line.length && line[colon] != ':') {
                colon++;
            }
            String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
            if (colon == line.length || !HttpFields.isToken(name)) {
                throw new HttpError("HTTP-protocol-error");
            }
            int from = colon + 1;
            int to = line.length;
            while (from < to && (line[from] == ' ' || line[from] == '\t')) {
                from++;
            }
            while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
                to--;
            }
            byte[] value = java.util.Arrays.copyOfRange(line, from, to);
            if (!HttpFields.isFieldValue(value)) {
                throw new HttpError("HTTP-protocol-error");
            }
            out.add(new HttpFields.Field(name.toLowerCase(Locale.ROOT), value));
        }
    }

    private Framing framing(Head head) {
        int s = head.status;
        if (request.method.equals("HEAD") || s == 204 || s == 304) {
            return Framing.NONE;
        }
        List<byte[]> codings = head.headers.get("transfer-encoding");
        if (!codings.isEmpty()) {
            String last = new String(codings.get(codings.size() - 1), StandardCharsets.ISO_8859_1);
            int comma = last.lastIndexOf(',');
            last = last.substring(comma + 1).trim();
            return last.equalsIgnoreCase("chunked") ? Framing.CHUNKED : Framing.TO_CLOSE;
        }
        return head.headers.get("content-length").isEmpty() ? Framing.TO_CLOSE : Framing.LENGTH;
    }

    /** The response's content-length: one number (repeated values must agree), else a protocol error. */
    private static long contentLength(HttpFields headers) {
        long n = -1;
        for (byte[] v : headers.get("content-length")) {
            for (String part : new String(v, StandardCharsets.ISO_8859_1).split(",", -1)) {
                long k = digits(part.trim(), 10);
                if (k < 0 || n >= 0 && k != n) {
                    throw new HttpError("HTTP-protocol-error");
                }
                n = k;
            }
        }
        return n;
    }

    /** A non-negative number of {@code radix} digits (at most 15 hex or 18 decimal), else -1. */
    private static long digits(String s, int radix) {
        if (s.isEmpty() || s.length() > (radix == 16 ? 15 : 18)) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            n = n * radix + d;
        }
        return n;
    }

    private void readBody(Http1Input in, Framing framing, long length) throws IOException {
        long remaining = framing == Framing.LENGTH ? length : 0; // of the body, or of the current chunk
        while (true) {
            BodyReceiver r = awaitDemand();
            if (r == null) {
                return; // cancelled
            }
            byte[] data = null;
            HttpFields trailers = null;
            boolean end = false;
            switch (framing) {
                case NONE -> end = true;
                case LENGTH -> {
                    if (remaining == 0) {
                        end = true;
                    } else {
                        data = bodyBytes(in, remaining);
                        remaining -= data.length;
                    }
                }
                case TO_CLOSE -> {
                    data = in.some(READ_BYTES);
                    end = data == null;
                }
                case CHUNKED -> {
                    if (remaining == 0) {
                        remaining = chunkSize(in);
                    }
                    if (remaining == 0) { // the last chunk, then the trailers
                        List<HttpFields.Field> t = fields(in, MAX_HEAD_BYTES, true);
                        trailers = t.isEmpty() ? null : HttpFields.received(t);
                        end = true;
                    } else {
                        data = bodyBytes(in, remaining);
                        remaining -= data.length;
                        if (remaining == 0) {
                            chunkEnd(in);
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (end) {
                r.onEnd(trailers);
                return;
            }
            lock.lock();
            try {
                demand--;
            } finally {
                lock.unlock();
            }
            r.onData(data);
        }
    }

    /** Up to {@code remaining} (at most {@link #READ_BYTES}) bytes of a body that has that many left. */
    private static byte[] bodyBytes(Http1Input in, long remaining) throws IOException {
        byte[] data = in.some(Math.min(remaining, READ_BYTES));
        if (data == null) {
            throw new HttpError("HTTP-response-incomplete");
        }
        return data;
    }

    /** The line end after a chunk's data: anything else is a protocol error. */
    private static void chunkEnd(Http1Input in) throws IOException {
        byte[] crlf;
        try {
            crlf = in.line(3);
        } catch (Http1Input.LineTooLongException e) {
            throw new HttpError("HTTP-protocol-error");
        }
        if (crlf == null) {
            throw new HttpError("HTTP-response-incomplete");
        }
        if (crlf.length != 0) {
            throw new HttpError("HTTP-protocol-error");
        }
    }

    /** A chunk-size line (extensions ignored). */
    private static long chunkSize(Http1Input in) throws IOException {
        byte[] line;
        try {
            line = in.line(4096);
        } catch (Http1Input.LineTooLongException e) {
            throw new HttpError("HTTP-protocol-error");
        }
        if (line == null) {
            throw new HttpError("HTTP-response-incomplete");
        }
        String s = new String(line, StandardCharsets.ISO_8859_1);
        int semi = s.indexOf(';');
        long n = digits((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
        if (n < 0) {
            throw new HttpError("HTTP-protocol-error");
        }
        return n;
    }

    /** Waits until the receiver is there and wants more: it, or null when cancelled. */
    private BodyReceiver awaitDemand() throws IOException {
        lock.lock();
        try {
            while (!cancelled && (receiver == null || demand == 0)) {
                changed.await();
            }
            return cancelled ? null : receiver;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        } finally {
            lock.unlock();
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }
}
