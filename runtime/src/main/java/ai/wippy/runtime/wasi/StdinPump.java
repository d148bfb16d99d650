package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes the guest's stdin readable with interruptible waits. {@code InputStream.read} cannot be
 * interrupted, so a daemon thread (started on first use) reads one chunk ahead and the guest waits
 * for it on a monitor, inside the {@link WaitHook}.
 */
final class StdinPump {

    private static final int CHUNK = 8192;

    private final InputStream in;
    private final WaitHook waitHook;
    private final Object lock = new Object();
    private Thread thread;
    private byte[] chunk;
    private int chunkPos;
    private boolean eof;
    private boolean closed;

    StdinPump(InputStream in, WaitHook waitHook) {
        this.in = in;
        this.waitHook = waitHook;
    }

    /** Reads up to {@code len} bytes, blocking until at least one is there; 0 at end of input. */
    int read(byte[] dst, int off, int len) {
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            start();
            if (!readable()) {
                waitHook.beforeWait();
                try {
                    while (!readable()) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GuestInterruptedException();
                } finally {
                    waitHook.afterWait();
                }
            }
            if (chunk == null) {
                return 0;
            }
            int n = Math.min(len, chunk.length - chunkPos);
            System.arraycopy(chunk, chunkPos, dst, off, n);
            chunkPos += n;
            if (chunkPos == chunk.length) {
                chunk = null;
                lock.notifyAll();
            }
            return n;
        }
    }

    /** Whether a read would not block: data is buffered or the input has ended. */
    boolean readable() {
        synchronized (lock) {
            start();
            return chunk != null || eof || closed;
        }
    }

    /** Bytes a read returns at once without blocking. */
    int buffered() {
        synchronized (lock) {
            return chunk == null ? 0 : chunk.length - chunkPos;
        }
    }

    boolean atEnd() {
        synchronized (lock) {
            return chunk == null && (eof || closed);
        }
    }

    /** Waits up to {@code nanos} for {@link #readable()}; the caller runs the wait hook. */
    void awaitReadable(long nanos) throws InterruptedException {
        synchronized (lock) {
            start();
            long deadline = System.nanoTime() + nanos;
            while (!readable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            if (thread != null) {
                thread.interrupt();
            }
            lock.notifyAll();
        }
    }

    private void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::pump, "wasi-stdin");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void pump() {
        try {
            while (true) {
                byte[] buf = new byte[CHUNK];
                int n = in.read(buf);
                synchronized (lock) {
                    if (n < 0) {
                        eof = true;
                        lock.notifyAll();
                        return;
                    }
                    if (n == 0) {
                        continue;
                    }
                    chunk = n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n);
                    chunkPos = 0;
                    lock.notifyAll();
                    while (chunk != null && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            synchronized (lock) {
                eof = true;
                lock.notifyAll();
            }
        }
    }
}
