package ai.wippy.runtime.wasip2;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of an incoming response on its way from the server: the {@link Http1Exchange} hands it
 * over as it arrives, but only when asked, one piece at a time and only while less than {@link #LOW}
 * bytes wait for the guest, so a body of any size streams through bounded memory and the server is
 * held back (TCP's window) while the guest is slow. Every arrival, the end (with the trailers) and a
 * failure wake the guest.
 *
 * <p>The between-bytes-timeout is a gap timer without a thread: when the guest waits for bytes that
 * were asked for and none came within it, the body fails with {@code connection-read-timeout} (its
 * pollable is ready at that instant, so a parked guest looks again then).
 *
 * <p>Once the guest gives the body up ({@code incoming-body.finish}) the rest is read and dropped so
 * that the end (for future-trailers) is still seen; when it is dropped altogether the exchange is
 * cancelled. The guest's thread and the exchange's share the state under a {@link ReentrantLock}.
 */
final class ResponseBody implements Http1Exchange.BodyReceiver {

    /** Below this many bytes waiting for the guest, the next item is asked for. */
    static final int LOW = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Waker waker;
    private final long gapNanos;
    private final Runnable onEnd;
    private Http1Exchange.Demand subscription;
    private int headOffset;
    private long buffered;
    private boolean asked;
    private long askedAt;
    private boolean done;
    private HttpFields trailers;
    private HttpError failure;
    private boolean discarding;
    private boolean cancelled;
    private boolean ended;

    /** @param gapNanos the between-bytes-timeout, 0 for none; @param onEnd runs once when the exchange is over */
    ResponseBody(Waker waker, long gapNanos, Runnable onEnd) {
        this.waker = waker;
        this.gapNanos = gapNanos;
        this.onEnd = onEnd;
    }

    // ------------------------------------------------------------------ the exchange's side

    @Override
    public void onStart(Http1Exchange.Demand s) {
        boolean cancel;
        lock.lock();
        try {
            subscription = s;
            cancel = cancelled;
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else {
            askForMore();
        }
    }

    @Override
    public void onData(byte[] bytes) {
        lock.lock();
        try {
            asked = false;
            if (!discarding && !cancelled && bytes.length > 0) {
                chunks.add(bytes);
                buffered += bytes.length;
            }
        } finally {
            lock.unlock();
        }
        askForMore();
        waker.wake();
    }

    @Override
    public void onError(HttpError e) {
        lock.lock();
        try {
            if (failure == null && !done) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
        end();
        waker.wake();
    }

    @Override
    public void onEnd(HttpFields received) {
        lock.lock();
        try {
            done = true;
            trailers = received;
        } finally {
            lock.unlock();
        }
        end();
        waker.wake();
    }

    private void askForMore() {
        Http1Exchange.Demand s;
        long n;
        lock.lock();
        try {
            s = subscription;
            if (s == null || asked || done || failure != null || cancelled || !discarding && buffered >= LOW) {
                return;
            }
            asked = true;
            askedAt = System.nanoTime();
            n = discarding ? Long.MAX_VALUE : 1;
        } finally {
            lock.unlock();
        }
        s.request(n);
    }

    private void end() {
        boolean first;
        lock.lock();
        try {
            first = !ended;
            ended = true;
        } finally {
            lock.unlock();
        }
        if (first) {
            onEnd.run();
        }
    }

    // ------------------------------------------------------------------ the guest's side

    /** Up to {@code max} bytes there now (empty when none yet); at the end null; a failure is thrown. */
    byte[] read(int max) {
        byte[] out;
        lock.lock();
        try {
            if (chunks.isEmpty()) {
                checkGap();
                if (failure != null) {
                    throw failure;
                }
                return done ? null : new byte[0];
            }
            int n = (int) Math.min(max, buffered);
            out = new byte[n];
            int at = 0;
            while (at < n) {
                byte[] head = chunks.peek();
                int take = Math.min(n - at, head.length - headOffset);
                System.arraycopy(head, headOffset, out, at, take);
                at += take;
                headOffset += take;
                if (headOffset == head.length) {
                    chunks.poll();
                    headOffset = 0;
                }
            }
            buffered -= n;
        } finally {
            lock.unlock();
        }
        askForMore();
        return out;
    }

    /** Ready when {@link #read} has bytes, the end or a failure to report (or the gap timer ran out). */
    final Pollable readable = new Pollable() {
        @Override
        public boolean ready() {
            lock.lock();
            try {
                return !chunks.isEmpty() || done || failure != null || gapExpired();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long readyAtNanos() {
            lock.lock();
            try {
                return asked && gapNanos > 0 ? askedAt + gapNanos : Long.MAX_VALUE;
            } finally {
                lock.unlock();
            }
        }
    };

    /** Ready when the whole body has been seen (or failed): what future-trailers waits for. */
    final Pollable complete = new Pollable() {
        @Override
        public boolean ready() {
            lock.lock();
            try {
                return done || failure != null || gapExpired();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long readyAtNanos() {
            return readable.readyAtNanos();
        }
    };

    /** The body's error once {@link #complete} is ready: null for a complete body (see {@link #trailers}). */
    HttpError outcome() {
        lock.lock();
        try {
            checkGap();
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** The trailers of a complete body; null when it had none. */
    HttpFields trailers() {
        lock.lock();
        try {
            return trailers;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the gap timer ran out, so the body fails (and the exchange is cancelled). */
    private void checkGap() {
        if (gapExpired()) {
            failure = new HttpError("connection-read-timeout");
            Http1Exchange.Demand s = subscription;
            if (s != null) {
                s.cancel();
            }
            cancelled = true;
            if (!ended) {
                ended = true;
                onEnd.run();
            }
        }
    }

    private boolean gapExpired() {
        return gapNanos > 0 && asked && failure == null && !done && System.nanoTime() - askedAt >= gapNanos;
    }

    /** incoming-body.finish: the guest reads no more; the rest is read and dropped, to see the end. */
    void discardRest() {
        lock.lock();
        try {
            discarding = true;
            chunks.clear();
            buffered = 0;
            headOffset = 0;
        } finally {
            lock.unlock();
        }
        askForMore();
    }

    /** Nobody will read the rest: the exchange is cancelled (its connection closed). */
    void cancel() {
        Http1Exchange.Demand s;
        lock.lock();
        try {
            if (done || failure != null || cancelled) {
                return;
            }
            cancelled = true;
            chunks.clear();
            buffered = 0;
            s = subscription;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
        end();
    }
}
