package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the guest's stdin readable with interruptible waits, for WASI preview 1 and 0.2 alike.
 * {@code InputStream.read} cannot be interrupted, so a daemon thread (started on first use) reads
 * one chunk ahead and the guest waits for it. The waits use a {@link ReentrantLock}, not a monitor:
 * a virtual thread waiting on a monitor pins its carrier on JDK 21 to 23, one parked on a lock's
 * condition does not.
 */
public final class StdinPump {

    private static final int CHUNK = 8192;

    private final InputStream in;
    private final WaitHook waitHook;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Thread thread;
    private byte[] chunk;
    private int chunkPos;
    private boolean eof;
    private boolean closed;
    private volatile Runnable listener = () -> { };

    public StdinPump(InputStream in, WaitHook waitHook) {
        this.in = in;
        this.waitHook = waitHook;
    }

    /** Called (from the pump's thread) whenever data arrives or the input ends. */
    public void onChange(Runnable listener) {
        this.listener = listener;
    }

    /** Reads up to {@code len} bytes, blocking until at least one is there; 0 at end of input. */
    public int read(byte[] dst, int off, int len) {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            start();
            if (!readableLocked()) {
                waitHook.beforeWait();
                try {
                    while (!readableLocked()) {
                        changed.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GuestInterruptedException();
                } finally {
                    waitHook.afterWait();
                }
            }
            return takeLocked(dst, off, len);
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code len} bytes that are there now, without waiting: 0 when none (see {@link #atEnd}). */
    public int readNow(byte[] dst, int off, int len) {
        lock.lock();
        try {
            start();
            return chunk == null ? 0 : takeLocked(dst, off, len);
        } finally {
            lock.unlock();
        }
    }

    private int takeLocked(byte[] dst, int off, int len) {
        if (chunk == null) {
            return 0;
        }
        int n = Math.min(len, chunk.length - chunkPos);
        System.arraycopy(chunk, chunkPos, dst, off, n);
        chunkPos += n;
        if (chunkPos == chunk.length) {
            chunk = null;
            changed.signalAll();
        }
        return n;
    }

    /** Whether a read would not block: data is buffered or the input has ended. */
    public boolean readable() {
        lock.lock();
        try {
            start();
            return readableLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean readableLocked() {
        return chunk != null || eof || closed;
    }

    /** Bytes a read returns at once without blocking. */
    int buffered() {
        lock.lock();
        try {
            return chunk == null ? 0 : chunk.length - chunkPos;
        } finally {
            lock.unlock();
        }
    }

    public boolean atEnd() {
        lock.lock();
        try {
            return chunk == null && (eof || closed);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for {@link #readable()}; the caller runs the wait hook. */
    void awaitReadable(long nanos) throws InterruptedException {
        lock.lock();
        try {
            start();
            long left = nanos;
            while (!readableLocked() && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            if (thread != null) {
                thread.interrupt();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
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
                lock.lock();
                try {
                    if (n < 0) {
                        eof = true;
                        changed.signalAll();
                        break;
                    }
                    if (n == 0) {
                        continue;
                    }
                    chunk = n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n);
                    chunkPos = 0;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                listener.run();
                lock.lock();
                try {
                    while (chunk != null && !closed) {
                        changed.await();
                    }
                    if (closed) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            lock.lock();
            try {
                eof = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        listener.run();
    }
}
