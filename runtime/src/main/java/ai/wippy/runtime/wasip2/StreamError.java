package ai.wippy.runtime.wasip2;

/**
 * wasi:io/streams' {@code stream-error}: the stream is closed, or its last operation failed (the
 * stream is closed from then on). Thrown by stream resources, turned into the WIT variant at the
 * interface.
 */
final class StreamError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final StreamError CLOSED = new StreamError(null, null, null);

    /** What failed, for the guest's {@code error.to-debug-string}; null when the stream is just closed. */
    final String failure;
    /** For a file's stream: the wasi:filesystem error-code (an enum case name), else null. */
    final String filesystemCode;
    /** For an HTTP body's stream: the wasi:http error-code (a WitVariant), else null. */
    final Object httpCode;

    private StreamError(String failure, String filesystemCode, Object httpCode) {
        super(failure == null ? "closed" : failure, null, false, false);
        this.failure = failure;
        this.filesystemCode = filesystemCode;
        this.httpCode = httpCode;
    }

    static StreamError closed() {
        return CLOSED;
    }

    static StreamError failed(String what) {
        return new StreamError(what, null, null);
    }

    static StreamError failed(String what, String filesystemCode) {
        return new StreamError(what, filesystemCode, null);
    }

    /** An HTTP body's stream failed with {@code code} (what wasi:http's http-error-code then returns). */
    static StreamError http(String what, Object code) {
        return new StreamError(what, null, code);
    }
}
