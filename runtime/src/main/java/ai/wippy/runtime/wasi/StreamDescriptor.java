package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.io.OutputStream;

/** stdin, stdout or stderr: a character device backed by a Java stream. */
final class StreamDescriptor extends Descriptor {

    private final StdinPump input;
    private final OutputStream output;

    private StreamDescriptor(StdinPump input, OutputStream output, long rights) {
        super(rights, 0, 0);
        this.input = input;
        this.output = output;
    }

    static StreamDescriptor stdin(StdinPump input) {
        return new StreamDescriptor(input, null, Rights.STDIN);
    }

    static StreamDescriptor output(OutputStream output) {
        return new StreamDescriptor(null, output, Rights.STDOUT);
    }

    @Override
    int filetype() {
        return WasiAbi.FILETYPE_CHARACTER_DEVICE;
    }

    boolean isInput() {
        return input != null;
    }

    StdinPump input() {
        return input;
    }

    /**
     * Most bytes one {@code fd_write} to stdout or stderr takes; the guest gets a short write for
     * the rest and its libc writes again. One call is thus bounded work, whatever it asks for.
     */
    static final int MAX_WRITE = 1024 * 1024;

    /**
     * Writes up to {@link #MAX_WRITE} bytes of {@code iovs} and flushes (guest output is observable
     * as soon as {@code fd_write} returns); returns how many were written. The bytes go from guest
     * memory to the stream in {@link IoVectors#CHUNK} pieces, and a stopped process ends the call
     * between pieces.
     */
    long write(GuestMemory mem, IoVectors iovs) {
        if (output == null) {
            throw new WasiError(Errno.BADF);
        }
        IoVectors part = iovs.limit(MAX_WRITE);
        try {
            part.forEachChunk(mem, (bytes, length) -> {
                try {
                    output.write(bytes, 0, length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            output.flush();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WasiError(Errno.IO);
        }
        return part.totalLength();
    }

    @Override
    void close() {
        // The caller owns the Java streams (they may be System.out); closing the fd only detaches it.
    }
}
