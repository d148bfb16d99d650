package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.fs.FsException;

/** descriptor.read-via-stream: reads a file from an offset on, never blocking (files are always ready). */
final class FileReadStream extends InputStreamResource {

    private final FsDescriptor descriptor;
    private long offset;
    private boolean closed;

    FileReadStream(FsDescriptor descriptor, long offset) {
        this.descriptor = descriptor;
        this.offset = offset;
        descriptor.retain();
    }

    @Override
    byte[] read(int max) {
        if (closed) {
            throw StreamError.closed();
        }
        byte[] buf = new byte[Math.min(max, 64 * 1024)];
        int n;
        try {
            n = buf.length == 0 ? 0 : descriptor.file.read(buf, 0, buf.length, offset);
        } catch (FsException e) {
            throw StreamError.failed("read failed: " + e.error(), FilesystemInterfaces.errorCode(e.error()));
        }
        if (n <= 0 && buf.length > 0) {
            throw StreamError.closed(); // end of file
        }
        offset += Math.max(n, 0);
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, Math.max(n, 0));
    }

    @Override
    Pollable readable() {
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
