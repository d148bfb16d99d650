package ai.wippy.runtime.launch;

import ai.wippy.runtime.process.CapturedText;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a process's stdin, stdout and stderr go: a terminal (a CLI command) or captured streams
 * (every other process, SPEC §5), whose kept head and tail are read back into the EXIT result.
 */
public final class ProcessIo {

    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final CapturedOutput capturedOut;
    private final CapturedOutput capturedErr;
    private final OutputFile file;
    private java.util.Set<Integer> terminals = java.util.Set.of();

    private ProcessIo(InputStream stdin, OutputStream stdout, OutputStream stderr,
            CapturedOutput capturedOut, CapturedOutput capturedErr, OutputFile file) {
        this.stdin = Objects.requireNonNull(stdin);
        this.stdout = Objects.requireNonNull(stdout);
        this.stderr = Objects.requireNonNull(stderr);
        this.capturedOut = capturedOut;
        this.capturedErr = capturedErr;
        this.file = file;
    }

    /** The console's streams (a command run in a terminal context). */
    public static ProcessIo terminal(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        ProcessIo io = new ProcessIo(stdin, stdout, stderr, null, null, null);
        io.terminals = Terminals.of(stdin, stdout, stderr);
        return io;
    }

    /** Which of stdin (0), stdout (1), stderr (2) are terminals: only console streams that are ttys. */
    public java.util.Set<Integer> terminals() {
        return terminals;
    }

    /**
     * Captured streams with empty stdin. Each line is logged through {@code log} as
     * {@code [<label>] line} (stderr: {@code [<label> stderr] line}), bounded (see {@link LogLines});
     * the whole output goes to {@code outputFile} as it streams, bounded at {@link OutputFile#CAP},
     * when it is not null.
     */
    public static ProcessIo captured(String label, Consumer<String> log, Path outputFile) {
        OutputFile file = outputFile == null ? null : new OutputFile(outputFile);
        CapturedOutput out = new CapturedOutput("stdout", line -> log.accept("[" + label + "] " + line), file);
        CapturedOutput err = new CapturedOutput("stderr", line -> log.accept("[" + label + " stderr] " + line), file);
        return new ProcessIo(new ByteArrayInputStream(new byte[0]), out, err, out, err, file);
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

    /** Ends the streams (logs what is left to log, closes the file); returns the kept texts, or nulls for a terminal. */
    CapturedText[] finish() {
        if (capturedOut == null) {
            try {
                stdout.flush();
                stderr.flush();
            } catch (java.io.IOException e) {
                // the console went away; nothing to report it to
            }
            return new CapturedText[] {null, null};
        }
        if (file != null) {
            file.close();
        }
        capturedOut.close();
        capturedErr.close();
        return new CapturedText[] {capturedOut.text(), capturedErr.text()};
    }
}
