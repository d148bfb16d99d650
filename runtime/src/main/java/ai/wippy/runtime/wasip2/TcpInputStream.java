package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The input-stream of a TCP connection: non-blocking reads of the channel, at most {@link #CHUNK}
 * bytes a call. Its pollable reads ahead (a few KiB, kept for the next read) so that readiness is
 * what the channel really has; when nothing is there it arms the selector and the guest parks.
 * End of stream is {@code closed}; a failed read (a reset connection) is
 * {@code last-operation-failed}, then {@code closed}. Dropped, the stream shuts the connection's
 * receiving side, as wasmtime's does.
 */
final class TcpInputStream extends InputStreamResource {

    /** The most one read returns. */
    static final int CHUNK = 64 * 1024;
    private static final int PROBE = 4 * 1024;

    private final TcpSocket socket;
    private final SocketChannel channel;
    private final SocketSelector.Registration registration;
    private final Pollable readable;
    private ByteBuffer ahead;
    private boolean atEnd;
    private String failure;
    private boolean reported;
    private boolean shut;
    private boolean dropped;

    TcpInputStream(TcpSocket socket, SocketChannel channel, SocketSelector.Registration registration) {
        this.socket = socket;
        this.channel = channel;
        this.registration = registration;
        this.readable = this::probe;
    }

    @Override
    byte[] read(int max) {
        ended();
        if (ahead != null && ahead.hasRemaining()) {
            int n = Math.min(max, ahead.remaining());
            byte[] out = new byte[n];
            ahead.get(out);
            return out;
        }
        if (max == 0) {
            return new byte[0];
        }
        ByteBuffer b = ByteBuffer.allocate(Math.min(max, CHUNK));
        int n = fill(b);
        if (n <= 0) {
            ended();
            return new byte[0];
        }
        byte[] out = new byte[n];
        b.flip().get(out);
        return out;
    }

    /** Throws the stream's end: closed, or its failure the first time. */
    private void ended() {
        if (failure != null && !reported) {
            reported = true;
            throw StreamError.failed("socket: " + failure);
        }
        if (shut || atEnd || failure != null) {
            throw StreamError.closed();
        }
    }

    /** Reads what the channel has now into {@code b}; 0 when nothing (the selector is armed), -1 at the end. */
    private int fill(ByteBuffer b) {
        try {
            int n = channel.read(b);
            if (n < 0) {
                atEnd = true;
            } else if (n == 0) {
                registration.arm(SelectionKey.OP_READ);
            }
            return n;
        } catch (IOException e) {
            failure = SocketError.code(e) + " (" + e.getMessage() + ")";
            return -1;
        }
    }

    private boolean probe() {
        if (shut || atEnd || failure != null || ahead != null && ahead.hasRemaining()) {
            return true;
        }
        ByteBuffer b = ByteBuffer.allocate(PROBE);
        int n = fill(b);
        if (n > 0) {
            ahead = b.flip();
            return true;
        }
        return n < 0;
    }

    @Override
    Pollable readable() {
        return readable;
    }

    /** shutdown(receive): the stream is closed, what was queued is dropped. */
    void shutdown() {
        if (!shut) {
            shut = true;
            ahead = null;
            try {
                channel.shutdownInput();
            } catch (IOException e) {
                // already gone: closed either way
            }
        }
    }

    @Override
    public void close() {
        if (!dropped) {
            dropped = true;
            shutdown();
            socket.release();
        }
    }
}
