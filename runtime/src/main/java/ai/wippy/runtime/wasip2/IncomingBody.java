package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code incoming-body}: the body of a response, read through its one input-stream
 * and given up by {@code finish} (a future-trailers, resolved once the whole body has passed). Dropped
 * without finish (and without a live stream), the rest of the body is not wanted: the exchange is
 * cancelled.
 */
final class IncomingBody implements AutoCloseable {

    final ResponseBody body;
    private boolean streamTaken;
    private boolean streamAlive;
    private boolean gone;

    IncomingBody(ResponseBody body) {
        this.body = body;
    }

    /** incoming-body.stream: the stream, once; null after. */
    ResponseBodyStream stream() {
        if (streamTaken) {
            return null;
        }
        streamTaken = true;
        streamAlive = true;
        return new ResponseBodyStream(body, this);
    }

    void streamDropped() {
        streamAlive = false;
        if (gone) {
            body.cancel();
        }
    }

    /** incoming-body.finish (the body was taken from the guest). */
    FutureTrailers finish() {
        if (streamAlive) {
            throw new WasiTrap("incoming-body.finish while its input-stream is alive (drop the stream first)");
        }
        body.discardRest();
        return new FutureTrailers(body);
    }

    @Override
    public void close() {
        gone = true;
        if (!streamAlive) {
            body.cancel();
        }
    }
}
