package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code incoming-response}: the status, immutable headers, and the body, given out
 * once. Dropped before its body was taken, the body is not wanted: the exchange is cancelled.
 */
final class IncomingResponse implements AutoCloseable {

    final int status;
    final HttpFields headers;
    private final ResponseBody body;
    private boolean consumed;

    IncomingResponse(int status, HttpFields headers, ResponseBody body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** incoming-response.consume: the body, once; null after. */
    IncomingBody consume() {
        if (consumed) {
            return null;
        }
        consumed = true;
        return new IncomingBody(body);
    }

    @Override
    public void close() {
        if (!consumed) {
            body.cancel();
        }
    }
}
