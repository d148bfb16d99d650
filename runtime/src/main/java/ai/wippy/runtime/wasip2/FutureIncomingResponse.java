package ai.wippy.runtime.wasip2;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wasi:http/types {@code future-incoming-response}: an exchange HttpClient runs on its own threads.
 * When the response's head arrives (or the exchange fails) the guest is woken; its body is subscribed
 * at once by a {@link ResponseBody}, which asks for only a little of it until the guest reads. Dropped
 * (or at the execution's end) before the guest took the response, the exchange is cancelled.
 */
final class FutureIncomingResponse implements AutoCloseable {

    /** What {@code get} gives once: a response, or the exchange's error. */
    record Outcome(IncomingResponse response, HttpError error) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange;
    private final OutgoingBody requestBody;
    private Outcome outcome;
    private boolean taken;
    private boolean closed;

    /**
     * @param requestBody the request's body, aborted if the exchange fails before it is finished;
     *     null when it has none
     */
    FutureIncomingResponse(CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange,
            Waker waker, long gapNanos, Runnable onEnd, OutgoingBody requestBody) {
        this.exchange = exchange;
        this.requestBody = requestBody;
        exchange.whenComplete((response, failure) -> {
            Outcome o;
            if (failure != null) {
                onEnd.run();
                if (requestBody != null) {
                    requestBody.body.abort(HttpError.of(failure, false));
                }
                o = new Outcome(null, HttpError.of(failure, false));
            } else {
                ResponseBody body = new ResponseBody(waker, gapNanos, onEnd);
                response.body().subscribe(body);
                o = new Outcome(new IncomingResponse(response.statusCode(), headers(response.headers()), body), null);
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

    /** A response's headers as HttpClient gives them (names lower-cased by it), immutable. */
    private static HttpFields headers(HttpHeaders h) {
        List<HttpFields.Field> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : h.map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers (:status) are not fields
            }
            for (String v : e.getValue()) {
                out.add(new HttpFields.Field(e.getKey(), v.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return HttpFields.received(out);
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
            exchange.cancel(true);
            if (requestBody != null) {
                requestBody.body.abort(HttpError.internal("the request was cancelled"));
            }
        } else if (o != null && o.response() != null) {
            o.response().close();
        }
    }
}
