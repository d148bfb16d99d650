package ai.wippy.runtime.launch;

import ai.wippy.runtime.process.CapturedText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first {@code headMax} and the last {@code tailMax} bytes of a stream, whatever its length:
 * what a test's expectations and its report see of a guest's output. Memory is taken as output
 * arrives, never more than {@code headMax + tailMax}.
 */
final class KeptBytes {

    private final int headMax;
    private final int tailMax;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    /** A ring of the bytes after the head; allocated once the head is full. */
    private byte[] tail;
    private int tailNext;
    private long tailBytes;
    private long total;

    KeptBytes(int headMax, int tailMax) {
        this.headMax = headMax;
        this.tailMax = tailMax;
    }

    void write(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, headMax - head.size());
        head.write(b, off, toHead);
        off += toHead;
        len -= toHead;
        if (len == 0 || tailMax == 0) {
            return;
        }
        if (tail == null) {
            tail = new byte[tailMax];
        }
        tailBytes += len;
        if (len >= tailMax) {
            System.arraycopy(b, off + len - tailMax, tail, 0, tailMax);
            tailNext = 0;
            return;
        }
        int first = Math.min(len, tailMax - tailNext);
        System.arraycopy(b, off, tail, tailNext, first);
        System.arraycopy(b, off + first, tail, 0, len - first);
        tailNext = (tailNext + len) % tailMax;
    }

    long total() {
        return total;
    }

    /** What was kept, as text; {@code fullOutput} says where the whole output went (or null). */
    CapturedText text(String fullOutput) {
        byte[] h = head.toByteArray();
        byte[] t = tailInOrder();
        long leftOut = total - h.length - t.length;
        if (leftOut == 0) {
            byte[] all = new byte[h.length + t.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(t, 0, all, h.length, t.length);
            return new CapturedText(new String(all, StandardCharsets.UTF_8), "", total, 0, fullOutput);
        }
        // Cut at character boundaries: no half character turns into a replacement character.
        int headEnd = Utf8.boundaryAtOrBefore(h, h.length);
        int tailStart = Utf8.boundaryAtOrAfter(t, 0);
        return new CapturedText(new String(h, 0, headEnd, StandardCharsets.UTF_8),
                new String(t, tailStart, t.length - tailStart, StandardCharsets.UTF_8), total,
                leftOut + (h.length - headEnd) + tailStart, fullOutput);
    }

    private byte[] tailInOrder() {
        if (tail == null) {
            return new byte[0];
        }
        if (tailBytes < tailMax) {
            byte[] t = new byte[(int) tailBytes];
            System.arraycopy(tail, 0, t, 0, t.length);
            return t;
        }
        byte[] t = new byte[tailMax];
        System.arraycopy(tail, tailNext, t, 0, tailMax - tailNext);
        System.arraycopy(tail, 0, t, tailMax - tailNext, tailNext);
        return t;
    }
}
