package ai.wippy.runtime.process;

import java.util.Locale;
import java.util.Objects;

/**
 * What was kept of one captured stream (a guest's stdout or stderr when no terminal takes it): all
 * of it when it was small, else its first and its last bytes, with how much was left out between
 * them and where the whole output went. Kept bounded so a chatty guest cannot fill the heap, a
 * report or a log.
 *
 * @param head       the start of the output (all of it when {@link #complete()})
 * @param tail       the end of the output; empty when complete
 * @param bytes      how many bytes the guest wrote in all
 * @param leftOut    how many bytes between head and tail were not kept (0: complete)
 * @param fullOutput where the whole output went, for the note (a file, with its own cap), or null
 */
public record CapturedText(String head, String tail, long bytes, long leftOut, String fullOutput) {

    public CapturedText {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
    }

    /** Output that was kept whole. */
    public static CapturedText complete(String text) {
        String t = text == null ? "" : text;
        return new CapturedText(t, "", t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, 0, null);
    }

    public boolean complete() {
        return leftOut == 0;
    }

    /** Whether {@code s} occurs in what was kept: in the head or in the tail, never across the gap. */
    public boolean contains(String s) {
        return head.contains(s) || tail.contains(s);
    }

    /** The kept text; when something was left out, a note in its place says how much and where it went. */
    public String text() {
        if (complete()) {
            return head + tail;
        }
        return head + (head.endsWith("\n") || head.isEmpty() ? "" : "\n") + note() + "\n" + tail;
    }

    /** {@code [wippy: 19,922,944 bytes left out here of 20,971,520 written; the whole output: <file>]} */
    public String note() {
        return String.format(Locale.ROOT, "[wippy: %,d bytes left out here of %,d written; %s]", leftOut, bytes,
                fullOutput == null ? "the rest was not kept" : "the whole output: " + fullOutput);
    }
}
