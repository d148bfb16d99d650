package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output-stream of a TCP connection. A write goes to the channel at once, without blocking;
 * what the kernel does not take yet waits in a buffer of {@link #BUFFER} bytes (check-write permits
 * the room left), which the selector's thread drains when the channel can take more, so accepted
 * bytes reach the peer even while the guest does something else. {@code flush} makes check-write
 * answer 0 until the buffer is empty (streams.wit), which is what {@code blocking-flush} waits for.
 * A peer that is gone ({@code EPIPE}) closes the stream; another failure is
 * {@code last-operation-failed}, then {@code closed}. shutdown(send) and dropping the stream send
 * FIN once the buffer is drained.
 *
 * <p>The guest thread and the selector's thread share the buffer under a {@link ReentrantLock} (not a
 * monitor: a virtual thread waiting for it unmounts).
 */
final class TcpOutputStream extends OutputStreamResource {

    /** Bytes accepted but not yet taken by the kernel, at most. */
    static final int BUFFER = 64 * 1024;

    private final TcpSocket socket;
    private final SocketChannel channel;
    private final SocketSelector.Registration registration;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER).flip(); // read mode: empty
    private final Pollable ready;
    private boolean flushing;
    private boolean shutRequested;
    private boolean shut;
    private boolean brokenPipe;
    private String failure;
    private boolean reported;
    private boolean dropped;

    TcpOutputStream(TcpSocket socket, SocketChannel channel, SocketSelector.Registration registration) {
        this.socket = socket;
        this.channel = channel;
        this.registration = registration;
        this.ready = this::isReady;
    }

    @Override
    protected long writable() {
        lock.lock();
        try {
            drain();
            ended();
            if (flushing && pending.hasRemaining()) {
                return 0;
            }
            flushing = false;
            return BUFFER - pending.remaining();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void put(byte[] bytes, int off, int len) {
        lock.lock();
        try {
            ended();
            pending.compact();
            pending.put(bytes, off, len);
            pending.flip();
            drain();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void flushNow() {
        lock.lock();
        try {
            drain();
            ended();
            flushing = pending.hasRemaining();
        } finally {
            lock.unlock();
        }
    }

    private boolean isReady() {
        lock.lock();
        try {
            drain();
            if (shutRequested || brokenPipe || failure != null) {
                return true;
            }
            boolean room = flushing ? !pending.hasRemaining() : pending.remaining() < BUFFER;
            if (!room) {
                registration.arm(SelectionKey.OP_WRITE);
            }
            return room;
        } finally {
            lock.unlock();
        }
    }

    @Override
    Pollable ready() {
        return ready;
    }

    /** The selector saw the channel writable (its thread): the buffer goes on draining. */
    void onReady(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            lock.lock();
            try {
                drain();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Moves buffered bytes to the channel without blocking; sends FIN when asked and drained. Under the lock. */
    private void drain() {
        if (brokenPipe || failure != null || shut) {
            return;
        }
        try {
            while (pending.hasRemaining()) {
                if (channel.write(pending) == 0) {
                    registration.arm(SelectionKey.OP_WRITE);
                    return;
                }
            }
            if (shutRequested) {
                shut = true;
                channel.shutdownOutput();
            }
        } catch (IOException e) {
            pending.position(pending.limit());
            String code = SocketError.code(e);
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("Broken pipe") || e instanceof java.nio.channels.ClosedChannelException) {
                brokenPipe = true;
            } else {
                failure = code + " (" + m + ")";
            }
        }
    }

    /** Throws the stream's end (under the lock): closed, or its failure the first time. */
    private void ended() {
        if (failure != null && !reported) {
            reported = true;
            throw StreamError.failed("socket: " + failure);
        }
        if (shutRequested || brokenPipe || failure != null) {
            throw StreamError.closed();
        }
    }

    /** shutdown(send): no more writes; FIN follows the bytes still buffered. */
    void shutdown() {
        lock.lock();
        try {
            shutRequested = true;
            drain();
        } finally {
            lock.unlock();
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
