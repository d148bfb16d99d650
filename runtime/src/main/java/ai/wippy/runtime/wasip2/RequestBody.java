package ai.wippy.runtime.wasip2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of an outgoing request on its way to the server: what the guest writes waits in a queue of
 * at most {@link #CAPACITY} bytes until the exchange's writing thread asks for it (a publisher
 * subscribed when the request's head is out), so a body of any size streams through bounded memory,
 * and the guest waits for room ({@code check-write} 0, its pollable not ready) while the server is
 * slow. The framing is decided when the head goes out ({@link #contentLength}): the declared
 * content-length, else the exact length of a body the guest has already finished without trailers
 * (everything still queued; the exchange waits up to {@link #SETTLE_MILLIS} for a guest that has
 * written nothing yet), else unknown (chunked, the trailers given to finish after the last chunk).
 *
 * <p>The guest's thread and the exchange's share the queue under a {@link ReentrantLock} (not a
 * monitor: no virtual thread pins on it); items are handed to the subscriber outside it, one
 * delivering thread at a time.
 */
final class RequestBody implements Flow.Publisher<ByteBuffer> {

    /**
     * Bytes written but not yet taken by the exchange, at most: as much as wasmtime's host buffers
     * (one chunk of 1 MiB), so a guest that writes its body before {@code handle} gets as far.
     */
    static final int CAPACITY = 1024 * 1024;

    /** How long the exchange's question for the length waits for a guest that has written nothing yet. */
    static final long SETTLE_MILLIS = 50;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final AtomicInteger delivering = new AtomicInteger();
    private final Waker waker;
    /** The declared content-length, or -1. */
    private long declared;
    private int queued;
    private long written;
    private long demand;
    private boolean finished;
    /** Given to finish, sent after the last chunk of a chunked body; null for none. */
    private HttpFields trailers;
    private HttpError failure;
    /** The failure is the guest's: a body not of its declared length (finish reports it). */
    private boolean wrongLength;
    private boolean terminated;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
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
            settled.signalAll();
            queue.add(ByteBuffer.wrap(bytes.clone(), off, len).slice());
        } finally {
            lock.unlock();
        }
        deliver();
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
            settled.signalAll();
        } finally {
            lock.unlock();
        }
        deliver();
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
            settled.signalAll();
        } finally {
            lock.unlock();
        }
        deliver();
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
                settled.await(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
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

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        boolean again;
        lock.lock();
        try {
            again = subscriber != null;
            if (!again) {
                subscriber = s;
            }
        } finally {
            lock.unlock();
        }
        if (again) {
            // a streamed body cannot be sent twice
            s.onSubscribe(new Flow.Subscription() {
                @Override public void request(long n) { }
                @Override public void cancel() { }
            });
            s.onError(new IllegalStateException("a streamed request body cannot be sent twice"));
            return;
        }
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                lock.lock();
                try {
                    demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                } finally {
                    lock.unlock();
                }
                deliver();
            }

            @Override
            public void cancel() {
                lock.lock();
                try {
                    cancelled = true;
                    queue.clear();
                    queued = 0;
                } finally {
                    lock.unlock();
                }
                waker.wake();
            }
        });
        deliver();
    }

    /** Hands queued bytes to the subscriber while it asks for them, then the end; one thread at a time. */
    private void deliver() {
        if (delivering.getAndIncrement() != 0) {
            return; // the thread delivering now will look again
        }
        do {
            while (true) {
                ByteBuffer next = null;
                Flow.Subscriber<? super ByteBuffer> s;
                boolean complete = false;
                Throwable error = null;
                lock.lock();
                try {
                    s = subscriber;
                    if (s == null || terminated || cancelled) {
                        break;
                    }
                    if (failure != null) {
                        terminated = true;
                        error = failure;
                    } else if (!queue.isEmpty() && demand > 0) {
                        next = queue.poll();
                        queued -= next.remaining();
                        demand--;
                    } else if (queue.isEmpty() && finished) {
                        terminated = true;
                        complete = true;
                    } else {
                        break;
                    }
                } finally {
                    lock.unlock();
                }
                if (next != null) {
                    waker.wake(); // room in the queue
                    s.onNext(next);
                } else if (complete) {
                    s.onComplete();
                } else if (error != null) {
                    s.onError(error);
                }
            }
        } while (delivering.decrementAndGet() != 0);
    }
}
