package ai.wippy.runtime.wasip2;

/**
 * The input-stream of an incoming-body: reads what {@link ResponseBody} holds now. The end of the
 * body is {@code closed}; a failure (the connection cut short, the between-bytes-timeout) is
 * {@code last-operation-failed} with the error-code wasi:http's {@code http-error-code} reads, then
 * {@code closed}.
 */
final class ResponseBodyStream extends InputStreamResource {

    private final ResponseBody body;
    private final IncomingBody owner;
    private boolean reported;

    ResponseBodyStream(ResponseBody body, IncomingBody owner) {
        this.body = body;
        this.owner = owner;
    }

    @Override
    byte[] read(int max) {
        byte[] got;
        try {
            got = body.read(max);
        } catch (HttpError e) {
            if (reported) {
                throw StreamError.closed();
            }
            reported = true;
            throw StreamError.http("http: " + e.code.caseName(), e.code);
        }
        if (got == null) {
            throw StreamError.closed();
        }
        return got;
    }

    @Override
    Pollable readable() {
        return body.readable;
    }

    @Override
    public void close() {
        owner.streamDropped();
    }
}
