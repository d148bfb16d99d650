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

    /** Writes and flushes at once: guest output is observable as soon as fd_write returns. */
    void write(byte[] data) {
        if (output == null) {
            throw new WasiError(Errno.BADF);
        }
        try {
            output.write(data);
            output.flush();
        } catch (IOException e) {
            throw new WasiError(Errno.IO);
        }
    }

    @Override
    void close() {
        // The caller owns the Java streams (they may be System.out); closing the fd only detaches it.
    }
}
