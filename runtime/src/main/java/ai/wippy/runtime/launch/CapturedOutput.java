package ai.wippy.runtime.launch;

import ai.wippy.runtime.process.CapturedText;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A guest's stdout or stderr when no terminal takes it. Every byte goes three ways, each bounded:
 * the head and tail kept for the result ({@link KeptBytes}: a test's expectations and report),
 * the build log ({@link LogLines}), and the process's output file when there is one
 * ({@link OutputFile}). Nothing a guest writes is silently lost: what is left out anywhere is
 * said there, with where the whole output went.
 */
final class CapturedOutput extends OutputStream {

    /** Bytes of the start of a stream kept for the result. */
    static final int KEEP_HEAD = 256 * 1024;
    /** Bytes of the end of a stream kept for the result. */
    static final int KEEP_TAIL = 256 * 1024;

    private final String what;
    private final KeptBytes kept = new KeptBytes(KEEP_HEAD, KEEP_TAIL);
    private final LogLines log;
    private final OutputFile file;
    private boolean closed;

    /**
     * @param what  the stream's name in notes ({@code stdout}, {@code stderr})
     * @param lines where log lines go
     * @param file  the process's output file, or null
     */
    CapturedOutput(String what, Consumer<String> lines, OutputFile file) {
        this.what = what;
        this.log = new LogLines(lines);
        this.file = file;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (closed) {
            return;
        }
        kept.write(b, off, len);
        log.write(b, off, len);
        if (file != null) {
            file.write(b, off, len);
        }
    }

    /** Ends the stream: the log gets its last line, its note and its tail. The file is the caller's to close. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            log.close(what, fullOutput());
        }
    }

    /** What was kept, with where the whole output went. */
    synchronized CapturedText text() {
        return kept.text(fullOutput());
    }

    private String fullOutput() {
        return file == null ? null : file.describe();
    }
}
