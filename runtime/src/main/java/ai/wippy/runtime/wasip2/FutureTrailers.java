package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code future-trailers}: ready when the whole response body has passed (or
 * failed). Java's HttpClient does not expose trailers, so a complete body gives {@code none}.
 */
final class FutureTrailers implements AutoCloseable {

    private final ResponseBody body;
    private boolean taken;

    FutureTrailers(ResponseBody body) {
        this.body = body;
    }

    Pollable pollable() {
        return body.complete;
    }

    boolean ready() {
        return body.complete.ready();
    }

    /** The first get after ready: null for no trailers, else the body's error; then {@link #taken}. */
    HttpError take() {
        taken = true;
        return body.outcome();
    }

    boolean taken() {
        return taken;
    }

    @Override
    public void close() {
        body.cancel();
    }
}
