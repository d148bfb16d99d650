package ai.wippy.runtime.wasip2;

/**
 * A wasi:http/types {@code outgoing-body}: the body of one outgoing request, written through its one
 * output-stream and ended by {@code finish} (which checks a declared content-length and takes the
 * trailers). Dropped without {@code finish}, the body is incomplete and the request fails, as the WIT
 * asks. The trailers given to {@code finish} become immutable and follow the last chunk of a chunked
 * body; a body framed by a content-length the guest declared has no place for them, and they are
 * not sent.
 */
final class OutgoingBody implements AutoCloseable {

    final RequestBody body;
    private boolean streamTaken;
    private boolean streamAlive;
    private boolean finished;

    OutgoingBody(RequestBody body) {
        this.body = body;
    }

    /** outgoing-body.write: the stream, once; null after. */
    RequestBodyStream stream() {
        if (streamTaken) {
            return null;
        }
        streamTaken = true;
        streamAlive = true;
        return new RequestBodyStream(body, this);
    }

    void streamDropped() {
        streamAlive = false;
    }

    /** outgoing-body.finish. */
    void finish(HttpFields trailers) {
        if (streamAlive) {
            throw new WasiTrap("outgoing-body.finish while its output-stream is alive (drop the stream first)");
        }
        finished = true;
        if (trailers != null) {
            trailers.makeImmutable();
        }
        body.finish(trailers);
    }

    @Override
    public void close() {
        if (!finished) {
            body.abort(HttpError.internal("the outgoing-body was dropped without finish"));
        }
    }
}
