package ai.wippy.runtime.wasip2;

/**
 * The output-stream of an outgoing-body: writes go to the request's {@link RequestBody} queue; the
 * permit of check-write is the room left in it. Once the bytes are queued they are the host's to
 * send, so {@code flush} has nothing to wait for (a guest that writes its whole body before calling
 * {@code handle} is not stuck in a blocking flush; beyond the queue's room it waits for the server).
 * A request that failed fails the stream with its error-code (wasi:http's {@code http-error-code}
 * reads it), then the stream is closed.
 */
final class RequestBodyStream extends OutputStreamResource {

    private final RequestBody body;
    private final OutgoingBody owner;
    private boolean reported;

    RequestBodyStream(RequestBody body, OutgoingBody owner) {
        this.body = body;
        this.owner = owner;
    }

    @Override
    protected long writable() {
        try {
            return body.room();
        } catch (HttpError e) {
            throw failed(e);
        }
    }

    @Override
    protected void put(byte[] bytes, int off, int len) {
        try {
            body.write(bytes, off, len);
        } catch (HttpError e) {
            throw failed(e);
        }
    }

    private StreamError failed(HttpError e) {
        if (reported) {
            return StreamError.closed();
        }
        reported = true;
        return StreamError.http("http: " + e.code.caseName(), e.code);
    }

    @Override
    protected void flushNow() {
        writable(); // reports a failure; queued bytes need no more
    }

    @Override
    Pollable ready() {
        return body.writable();
    }

    @Override
    public void close() {
        owner.streamDropped();
    }
}
