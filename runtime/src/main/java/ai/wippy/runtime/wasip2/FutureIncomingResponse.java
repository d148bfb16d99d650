package ai.wippy.runtime.wasip2;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A wasi:http/types {@code future-incoming-response}: an {@link Http1Exchange} running on its own
 * thread. When the response's head arrives (or the exchange fails) the guest is woken; its body goes
 * at once to a {@link ResponseBody}, which asks for only a little of it until the guest reads. Dropped
 * (or at the execution's end) before the guest took the response, the exchange is cancelled.
 */
final class FutureIncomingResponse implements AutoCloseable {

    /** What {@code get} gives once: a response, or the exchange's error. */
    record Outcome(IncomingResponse response, HttpError error) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Http1Exchange exchange;
    private final OutgoingBody requestBody;
    private Outcome outcome;
    private boolean taken;
    private boolean closed;

    /**
     * @param requestBody the request's body, aborted if the exchange fails before it is finished;
     *     null when it has none
     */
    FutureIncomingResponse(Http1Exchange exchange, Waker waker, long gapNanos, Runnable onEnd, OutgoingBody requestBody) {
        this.exchange = exchange;
        this.requestBody = requestBody;
        exchange.response().whenComplete((head, failure) -> {
            Outcome o;
            if (failure != null) {
                onEnd.run();
                if (requestBody != null) {
                    requestBody.body.abort(HttpError.of(failure, false));
                }
                o = new Outcome(null, HttpError.of(failure, false));
            } else {
                ResponseBody body = new ResponseBody(waker, gapNanos, onEnd);
                exchange.receive(body);
                o = new Outcome(new IncomingResponse(head.status(), head.headers(), body), null);
            }
            boolean drop;
            lock.lock();
            try {
                outcome = o;
                drop = closed;
            } finally {
                lock.unlock();
            }
            if (drop && o.response() != null) {
                o.response().close();
            }
            waker.wake();
        });
    }

    final Pollable ready = () -> {
        lock.lock();
        try {
            return outcome != null;
        } finally {
            lock.unlock();
        }
    };

    /** The outcome when ready, else null; {@link #taken} after the first. */
    Outcome take() {
        lock.lock();
        try {
            if (outcome != null) {
                taken = true;
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    boolean taken() {
        lock.lock();
        try {
            return taken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Outcome o;
        lock.lock();
        try {
            closed = true;
            o = taken ? null : outcome;
        } finally {
            lock.unlock();
        }
        if (o == null && !taken()) {
            exchange.cancel();
            if (requestBody != null) {
                requestBody.body.abort(HttpError.internal("the request was cancelled"));
            }
        } else if (o != null && o.response() != null) {
            o.response().close();
        }
    }
}
