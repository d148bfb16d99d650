package ai.wippy.runtime.wasip2;

import java.io.Flushable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of an outgoing request on its way to the server: what the guest writes waits in a queue of
 * at most {@link #CAPACITY} bytes until the exchange's writing thread takes it ({@link #take}, once
 * the request's head is out), so a body of any size streams through bounded memory,
 * and the guest waits for room ({@code check-write} 0, its pollable not ready) while the server is
 * slow. The framing is decided when the head goes out ({@link #contentLength}): the declared
 * content-length, else the exact length of a body the guest has already finished without trailers
 * (everything still queued; the exchange waits up to {@link #SETTLE_MILLIS} for a guest that has
 * written nothing yet), else unknown (chunked, the trailers given to finish after the last chunk).
 *
 * <p>The guest's thread and the exchange's share the queue under a {@link ReentrantLock} (not a
 * monitor: no virtual thread pins on it); the exchange waits for it on a condition.
 */
final class RequestBody {

    /** What {@link #take} throws once the guest's body failed: it will never be complete. */
    static final class BodyFailed extends IOException {
        private static final long serialVersionUID = 1L;
        final transient HttpError why;

        BodyFailed(HttpError why) {
            super("the request body failed: " + why.getMessage(), null);
            this.why = why;
        }
    }

    /**
     * Bytes written but not yet taken by the exchange, at most: as much as wasmtime's host buffers
     * (one chunk of 1 MiB), so a guest that writes its body before {@code handle} gets as far.
     */
    static final int CAPACITY = 1024 * 1024;

    /** How long the exchange's question for the length waits for a guest that has written nothing yet. */
    static final long SETTLE_MILLIS = 50;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever the queue, the end or a failure changes (what the exchange waits for). */
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final Waker waker;
    /** The declared content-length, or -1. */
    private long declared;
    private int queued;
    private long written;
    private boolean finished;
    /** Given to finish, sent after the last chunk of a chunked body; null for none. */
    private HttpFields trailers;
    private HttpError failure;
    /** The failure is the guest's: a body not of its declared length (finish reports it). */
    private boolean wrongLength;
    /** The exchange is over: nothing more will be taken (the guest's writes fail as closed). */
    private boolean cancelled;

    RequestBody(Waker waker, long declared) {
        this.waker = waker;
        this.declared = declared;
    }

    // ------------------------------------------------------------------ the guest's side

    /** Room in the queue now; 0 when full. Fails once the request failed or the server stopped reading. */
    long room() {
        lock.lock();
        try {
            if (failure != null) {
                throw failure;
            }
            if (cancelled) {
                throw StreamError.closed();
            }
            return CAPACITY - queued;
        } finally {
            lock.unlock();
        }
    }

    /** Queues bytes (at most {@link #room}); beyond a declared content-length the write fails. */
    void write(byte[] bytes, int off, int len) {
        lock.lock();
        try {
            if (declared >= 0 && written + len > declared) {
                failure = HttpError.requestBodySize(written + len);
                wrongLength = true;
                throw failure;
            }
            written += len;
            queued += len;
            changed.signalAll();
            queue.add(ByteBuffer.wrap(bytes.clone(), off, len).slice());
        } finally {
            lock.unlock();
        }
    }

    Pollable writable() {
        return () -> {
            lock.lock();
            try {
                return failure != null || cancelled || queued < CAPACITY;
            } finally {
                lock.unlock();
            }
        };
    }

    /**
     * outgoing-body.finish: the body is complete (or, of the wrong length, the request fails), with
     * these trailers (null for none). An exchange that failed already is the future's to report, not
     * finish's.
     */
    void finish(HttpFields trailers) {
        lock.lock();
        try {
            if (wrongLength) {
                throw failure;
            }
            if (failure != null) {
                return;
            }
            if (declared >= 0 && written != declared) {
                failure = HttpError.requestBodySize(written);
                wrongLength = true;
                throw failure;
            }
            finished = true;
            this.trailers = trailers;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The body will never be complete (dropped without finish, the execution ended): the request fails. */
    void abort(HttpError why) {
        lock.lock();
        try {
            if (finished || failure != null) {
                return;
            }
            failure = why;
            queue.clear();
            queued = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** handle: the content-length the headers declare now (they could change after body was taken). */
    void declare(long n) {
        lock.lock();
        try {
            declared = n;
            if (n >= 0 && written > n && failure == null) {
                failure = HttpError.requestBodySize(written);
                wrongLength = true;
            }
        } finally {
            lock.unlock();
        }
    }

    long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** The content-length the guest declared, or -1. */
    long declaredLength() {
        lock.lock();
        try {
            return declared;
        } finally {
            lock.unlock();
        }
    }

    /** The trailers given to finish, once it was called; null for none. */
    HttpFields trailers() {
        lock.lock();
        try {
            return trailers;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the exchange's side

    /**
     * The length the request's head announces: the declared one, the exact one of a body finished
     * (without trailers) already, else -1 (chunked).
     */
    long contentLength() {
        lock.lock();
        try {
            if (declared < 0 && written == 0 && !finished && failure == null) {
                // a guest that sends no body finishes it right after handle (it must take the body
                // before): a moment's wait spares a GET an empty chunked body most servers frown on
                changed.await(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (declared >= 0) {
                return declared;
            }
            return finished && queued == written && trailers == null ? written : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next piece the guest wrote, waiting for one: {@code beforeWait} is flushed first, so what
     * was taken goes out while the guest writes more. Null once the body is finished and all taken.
     *
     * @throws BodyFailed when the body failed (it will never be complete)
     * @throws IOException when the exchange is over ({@link #cancel})
     */
    ByteBuffer take(Flushable beforeWait) throws IOException {
        boolean flushed = false;
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new BodyFailed(failure);
                }
                if (cancelled) {
                    throw new IOException("the exchange is over");
                }
                ByteBuffer next = queue.poll();
                if (next != null) {
                    queued -= next.remaining();
                    waker.wake(); // room in the queue
                    return next;
                }
                if (finished) {
                    return null;
                }
                if (!flushed) {
                    lock.unlock();
                    try {
                        beforeWait.flush();
                    } finally {
                        lock.lock();
                    }
                    flushed = true;
                    continue;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } finally {
            lock.unlock();
        }
    }

    /** The exchange is over: nothing more is taken, a {@link #take} waiting returns, the guest's writes fail. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            queue.clear();
            queued = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        waker.wake();
    }
}
