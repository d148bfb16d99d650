package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wasi.GuestInterruptedException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output-stream into a Java {@link OutputStream} (stdout, stderr: the console or the captured
 * output): always writable, at most {@link #PERMIT} bytes per write as the preview 1 host's
 * {@code fd_write}, moved in {@link #PIECE} pieces so a stopped process ends a write between two.
 * After an I/O error the stream is closed.
 */
final class SinkStream extends OutputStreamResource {

    static final int PERMIT = 1 << 20;
    private static final int PIECE = 64 * 1024;

    private final OutputStream out;
    private boolean closed;

    SinkStream(OutputStream out) {
        this.out = out;
    }

    @Override
    protected long writable() {
        if (closed) {
            throw StreamError.closed();
        }
        return PERMIT;
    }

    @Override
    protected void put(byte[] bytes, int off, int len) {
        if (closed) {
            throw StreamError.closed();
        }
        try {
            for (int done = 0; done < len; done += PIECE) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new GuestInterruptedException();
                }
                out.write(bytes, off + done, Math.min(PIECE, len - done));
            }
        } catch (IOException e) {
            closed = true;
            throw StreamError.failed("write failed: " + e.getMessage());
        }
    }

    @Override
    protected void flushNow() {
        if (closed) {
            throw StreamError.closed();
        }
        try {
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw StreamError.failed("flush failed: " + e.getMessage());
        }
    }

    @Override
    Pollable ready() {
        return Pollable.READY;
    }
}
