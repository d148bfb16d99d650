package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.fs.FsException;

/**
 * descriptor.write-via-stream and append-via-stream: writes a file from an offset on, or at its
 * end, never blocking; at most {@link SinkStream#PERMIT} bytes per write, moved in pieces.
 */
final class FileWriteStream extends OutputStreamResource {

    private final FsDescriptor descriptor;
    private final boolean append;
    private long offset;
    private boolean closed;

    FileWriteStream(FsDescriptor descriptor, long offset, boolean append) {
        this.descriptor = descriptor;
        this.offset = offset;
        this.append = append;
        descriptor.retain();
    }

    @Override
    protected long writable() {
        if (closed) {
            throw StreamError.closed();
        }
        return SinkStream.PERMIT;
    }

    @Override
    protected void put(byte[] bytes, int off, int len) {
        if (closed) {
            throw StreamError.closed();
        }
        try {
            int done = 0;
            while (done < len) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ai.wippy.runtime.wasi.GuestInterruptedException();
                }
                int piece = Math.min(64 * 1024, len - done);
                long at = append ? descriptor.file.size() : offset;
                int n = descriptor.file.write(bytes, off + done, piece, at);
                done += n;
                offset = at + n;
            }
        } catch (FsException e) {
            throw StreamError.failed("write failed: " + e.error(), FilesystemInterfaces.errorCode(e.error()));
        }
    }

    @Override
    protected void flushNow() {
        if (closed) {
            throw StreamError.closed();
        }
    }

    @Override
    Pollable ready() {
        return Pollable.READY;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            descriptor.release();
        }
    }
}
