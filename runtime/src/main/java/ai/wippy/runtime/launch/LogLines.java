package ai.wippy.runtime.launch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A captured stream as lines of the build log, bounded: the first {@link #HEAD_LINES} lines go to
 * the log as they are written (so a running guest is visible), the last {@link #TAIL_LINES} when
 * the stream ends, and between them one note says how many lines were left out and where the whole
 * output is. A line longer than {@link #MAX_LINE} bytes is cut, with a note. So a guest printing
 * millions of lines adds a few hundred to the log, not millions.
 */
final class LogLines {

    static final int HEAD_LINES = 100;
    static final int TAIL_LINES = 100;
    static final int MAX_LINE = 4096;

    private final Consumer<String> log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineBytes;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long lines;
    private long leftOut;
    private long cut;

    LogLines(Consumer<String> log) {
        this.log = log;
    }

    void write(byte[] b, int off, int len) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                append(b, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(b, start, end - start);
    }

    private void append(byte[] b, int off, int len) {
        lineBytes += len;
        int room = MAX_LINE - line.size();
        if (room > 0) {
            line.write(b, off, Math.min(room, len));
        }
    }

    private void endLine() {
        String text = render();
        line.reset();
        lineBytes = 0;
        lines++;
        if (lines <= HEAD_LINES) {
            log.accept(text);
            return;
        }
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
            leftOut++;
        }
    }

    private String render() {
        if (lineBytes <= MAX_LINE) {
            return line.toString(StandardCharsets.UTF_8);
        }
        cut++;
        byte[] b = line.toByteArray();
        int end = Utf8.boundaryAtOrBefore(b, b.length);
        return new String(b, 0, end, StandardCharsets.UTF_8)
                + String.format(Locale.ROOT, " [wippy: line cut: %,d bytes, the first %,d shown]", lineBytes, end);
    }

    /**
     * Logs a last line without a newline, the note when anything was left out or cut, and the
     * tail lines; {@code fullOutput} says where the whole output is (or null when nowhere).
     */
    void close(String what, String fullOutput) {
        if (lineBytes > 0) {
            endLine();
        }
        if (leftOut > 0 || cut > 0) {
            String where = fullOutput == null ? "" : "; the whole output: " + fullOutput;
            if (leftOut > 0) {
                log.accept(String.format(Locale.ROOT, "[wippy: %,d lines of %s left out here of %,d%s]", leftOut, what,
                        lines, where));
            } else if (!where.isEmpty()) {
                log.accept("[wippy: " + where.substring(2) + "]");
            }
        }
        while (!tail.isEmpty()) {
            log.accept(tail.removeFirst());
        }
    }
}
