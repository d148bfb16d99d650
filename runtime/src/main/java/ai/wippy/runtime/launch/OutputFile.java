package ai.wippy.runtime.launch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole captured output of one process (stdout and stderr, in the order the guest wrote them,
 * as a terminal would show them), written to a file as it streams, like Surefire's
 * {@code redirectTestOutputToFile}. Bounded at {@link #CAP} bytes so a guest cannot fill the disk;
 * past the cap the file ends with a note of how much more was written. The file is created on the
 * first byte; a stale one from an earlier run is removed at once. A file that cannot be written
 * never fails the guest: the notes say so instead.
 */
final class OutputFile {

    /** Bytes of guest output one file holds at most. */
    static final long CAP = 64L * 1024 * 1024;

    private final Path file;
    private final long cap;
    private OutputStream out;
    private long written;
    private long dropped;
    private String failure;
    private boolean closed;

    OutputFile(Path file, long cap) {
        this.file = file.toAbsolutePath();
        this.cap = cap;
        try {
            Files.deleteIfExists(this.file);
        } catch (IOException e) {
            failure = e.toString();
        }
    }

    OutputFile(Path file) {
        this(file, CAP);
    }

    synchronized void write(byte[] b, int off, int len) {
        if (closed || failure != null) {
            dropped += len;
            return;
        }
        int n = (int) Math.min(len, cap - written);
        try {
            if (n > 0) {
                if (out == null) {
                    Files.createDirectories(file.getParent());
                    out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                }
                out.write(b, off, n);
                written += n;
            }
        } catch (IOException e) {
            failure = e.toString();
            n = 0;
        }
        dropped += len - n;
    }

    /** Flushes and closes; past the cap, the file ends with a note. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (out != null) {
                if (dropped > 0 && failure == null) {
                    out.write(String.format(Locale.ROOT, "\n[wippy: output file cap of %,d bytes reached; %,d more bytes"
                            + " were written by the guest and not saved]\n", cap, dropped).getBytes(StandardCharsets.UTF_8));
                }
                out.close();
            }
        } catch (IOException e) {
            failure = e.toString();
        }
    }

    /** For notes: where the whole output is, or why it is not. */
    synchronized String describe() {
        if (failure != null) {
            return file + " could not be written (" + failure + ")";
        }
        if (dropped > 0) {
            return String.format(Locale.ROOT, "%s (its first %,d bytes: the file's cap)", file, cap);
        }
        return file.toString();
    }
}
