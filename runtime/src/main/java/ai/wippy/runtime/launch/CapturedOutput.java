package ai.wippy.runtime.launch;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A guest's stdout or stderr when no terminal takes it: the first {@code limit} bytes are kept
 * for the result (tests compare them), and every complete line is also handed to a sink (the
 * build log), so nothing a guest writes is silently lost and a chatty guest cannot fill the heap.
 */
public final class CapturedOutput extends OutputStream {

    private final int limit;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;

    public CapturedOutput(int limit, Consumer<String> lines) {
        this.limit = limit;
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < limit) {
            kept.write(b);
        }
        if (b == '\n') {
            flushLine();
        } else if (line.size() < 64 * 1024) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    private void flushLine() {
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    /** Hands over a last line that has no newline. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    /** What was kept, decoded as UTF-8; notes a truncation at the end. */
    public synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (total > limit) {
            s += "\n[output truncated: " + total + " bytes written, first " + limit + " kept]";
        }
        return s;
    }
}
