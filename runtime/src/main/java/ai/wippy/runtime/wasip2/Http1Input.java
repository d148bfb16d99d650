package ai.wippy.runtime.wasip2;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The reading side of one HTTP/1.1 connection: a buffer over the socket that reads lines (the status
 * line, fields, chunk sizes) and body bytes, each socket read bounded by a deadline when one is set
 * (the socket's timeout is set to what is left of it before every read, so a server that trickles
 * bytes cannot stretch a first-byte timeout).
 */
final class Http1Input {

    /** Thrown when a read outlived the deadline. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException() {
            super("the deadline passed", null);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    /** System.nanoTime() by which reads must have returned; 0 for none. */
    private long deadline;
    /** The socket timeout for each read when there is no deadline (the between-bytes timeout); 0 for none. */
    private int gapMillis;

    Http1Input(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    void deadline(long nanoTime) {
        deadline = nanoTime;
    }

    void gap(long nanos) {
        gapMillis = nanos <= 0 ? 0 : millis(nanos);
    }

    /** A positive duration in nanoseconds as a socket timeout: whole milliseconds, at least 1 (0 means none). */
    static int millis(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, nanos / 1_000_000));
    }

    /** Reads more into an empty buffer: false at the end of the stream. */
    private boolean fill() throws IOException {
        int timeout = gapMillis;
        if (deadline != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DeadlineException();
            }
            timeout = millis(left);
        }
        socket.setSoTimeout(timeout);
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (SocketTimeoutException e) {
            throw new DeadlineException();
        }
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /**
     * One line without its CRLF (or bare LF), at most {@code max} bytes including the line end; null
     * when the stream ended before any byte of it.
     *
     * @throws LineTooLongException past {@code max}
     * @throws EOFException when the stream ended inside the line
     */
    byte[] line(int max) throws IOException {
        byte[] out = new byte[128];
        int n = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (n == 0) {
                    return null;
                }
                throw new EOFException("the stream ended inside a line");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = n > 0 && out[n - 1] == '\r' ? n - 1 : n;
                return Arrays.copyOf(out, end);
            }
            if (n + 1 >= max) {
                throw new LineTooLongException();
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = b;
        }
    }

    /** Up to {@code max} bytes, at least one (a read waits for them); null at the end of the stream. */
    byte[] some(long max) throws IOException {
        if (pos == limit && !fill()) {
            return null;
        }
        int n = (int) Math.min(max, limit - pos);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Thrown by {@link #line} for a line longer than allowed. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("line too long", null);
        }
    }
}
