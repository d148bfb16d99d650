package ai.wippy.runtime.launch;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where a process's stdin, stdout and stderr go: a terminal (a CLI command) or captured buffers
 * (every other process, SPEC §5). Captured streams are read back into the EXIT result.
 */
public final class ProcessIo {

    /** Bytes of each captured stream kept for the result. */
    public static final int CAPTURE_LIMIT = 1024 * 1024;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final CapturedOutput capturedOut;
    private final CapturedOutput capturedErr;

    private ProcessIo(InputStream stdin, OutputStream stdout, OutputStream stderr,
            CapturedOutput capturedOut, CapturedOutput capturedErr) {
        this.stdin = Objects.requireNonNull(stdin);
        this.stdout = Objects.requireNonNull(stdout);
        this.stderr = Objects.requireNonNull(stderr);
        this.capturedOut = capturedOut;
        this.capturedErr = capturedErr;
    }

    /** The console's streams (a command run in a terminal context). */
    public static ProcessIo terminal(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return new ProcessIo(stdin, stdout, stderr, null, null);
    }

    /**
     * Captured streams with empty stdin; each complete line is also passed to {@code outLines} /
     * {@code errLines} as it is written.
     */
    public static ProcessIo captured(byte[] stdin, java.util.function.Consumer<String> outLines,
            java.util.function.Consumer<String> errLines) {
        CapturedOutput out = new CapturedOutput(CAPTURE_LIMIT, outLines);
        CapturedOutput err = new CapturedOutput(CAPTURE_LIMIT, errLines);
        return new ProcessIo(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin), out, err, out, err);
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public boolean isCaptured() {
        return capturedOut != null;
    }

    /** Flushes partial lines; returns the captured texts, or nulls for a terminal. */
    String[] finish() {
        if (capturedOut == null) {
            try {
                stdout.flush();
                stderr.flush();
            } catch (java.io.IOException e) {
                // the console went away; nothing to report it to
            }
            return new String[] {null, null};
        }
        capturedOut.close();
        capturedErr.close();
        return new String[] {capturedOut.text(), capturedErr.text()};
    }
}
