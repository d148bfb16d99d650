package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code future-trailers}: ready when the whole response body has passed (or
 * failed); then the trailers that followed a chunked body (none for other bodies or when there were
 * none), given out immutable, or the body's error.
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

    /** What the first get after ready gives: the trailers (null for none) or the body's error. */
    record Outcome(HttpFields trailers, HttpError error) {
    }

    /** The first get after ready; then {@link #taken}. */
    Outcome take() {
        taken = true;
        HttpError e = body.outcome();
        return new Outcome(e == null ? body.trailers() : null, e);
    }

    boolean taken() {
        return taken;
    }

    @Override
    public void close() {
        body.cancel();
    }
}
