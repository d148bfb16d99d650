package ai.wippy.runtime.launch;

/** Where UTF-8 text may be cut without splitting a character. */
final class Utf8 {

    private Utf8() {
    }

    /** The largest index {@code <= end} in {@code b} where a character starts (or the end of all). */
    static int boundaryAtOrBefore(byte[] b, int end) {
        int i = end;
        // Step back over at most 3 continuation bytes to the lead byte; cut before an incomplete character.
        int back = 0;
        while (i > 0 && back < 4 && isContinuation(b[i - 1])) {
            i--;
            back++;
        }
        if (i > 0 && back < 4) {
            int lead = b[i - 1] & 0xFF;
            int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            if (need == back) {
                return end;
            }
            if (need > back) {
                return i - 1;
            }
        }
        return end;
    }

    /** The smallest index {@code >= start} in {@code b} that is not inside a character (at most 3 steps). */
    static int boundaryAtOrAfter(byte[] b, int start) {
        int i = start;
        while (i < b.length && i - start < 3 && isContinuation(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isContinuation(byte x) {
        return (x & 0xC0) == 0x80;
    }
}
