package ai.wippy.runtime.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded cursor over a byte range of the binary: every read checks the end, every count is
 * checked against the bytes left before anything is allocated, so hostile sizes fail fast.
 * Offsets are absolute (from the start of the outermost binary) for error messages.
 */
final class BinaryReader {

    private final byte[] bytes;
    private int pos;
    private final int end;

    BinaryReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int remaining() {
        return end - pos;
    }

    byte[] bytes() {
        return bytes;
    }

    ComponentFormatException malformed(String message) {
        return ComponentFormatException.malformed(pos, message);
    }

    ComponentFormatException malformedAt(int offset, String message) {
        return ComponentFormatException.malformed(offset, message);
    }

    ComponentFormatException unsupportedAt(int offset, String message) {
        return ComponentFormatException.unsupported(offset, message);
    }

    int u8() {
        if (pos >= end) {
            throw malformed("unexpected end");
        }
        return bytes[pos++] & 0xFF;
    }

    int peek() {
        if (pos >= end) {
            throw malformed("unexpected end");
        }
        return bytes[pos] & 0xFF;
    }

    /** An unsigned LEB128 of at most 32 bits. */
    long u32() {
        int start = pos;
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28 && (b & 0x70) != 0) {
                throw malformedAt(start, "integer too large");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift == 28) {
                throw malformedAt(start, "integer representation too long");
            }
        }
    }

    /** A u32 used as an index or count: must fit a Java int. */
    int index() {
        int at = pos;
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw malformedAt(at, "index " + v + " out of range");
        }
        return (int) v;
    }

    /** A vector length, each element taking at least {@code minElementBytes}: refused before allocating. */
    int count(int minElementBytes) {
        int at = pos;
        long n = u32();
        if (n * Math.max(1, minElementBytes) > remaining()) {
            throw malformedAt(at, "vector of " + n + " elements does not fit in the " + remaining()
                    + " bytes left");
        }
        return (int) n;
    }

    /** A signed LEB128 of at most 33 bits (type opcodes and indices share this space). */
    long s33() {
        int start = pos;
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if (shift > 35) {
                throw malformedAt(start, "integer representation too long");
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A UTF-8 name: length, then bytes, which must be valid UTF-8. */
    String name() {
        int at = pos;
        int len = count(1);
        int start = pos;
        pos += len;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, len)).toString();
        } catch (CharacterCodingException e) {
            throw malformedAt(at, "malformed UTF-8 in a name");
        }
    }

    /** Skips {@code n} bytes, which must be there. */
    void skip(int n) {
        if (n > remaining()) {
            throw malformed("unexpected end");
        }
        pos += n;
    }

    /** A reader over the next {@code n} bytes; this reader moves past them. */
    BinaryReader sub(int n) {
        if (n > remaining()) {
            throw malformed("section size " + n + " exceeds the " + remaining() + " bytes left");
        }
        BinaryReader r = new BinaryReader(bytes, pos, pos + n);
        pos += n;
        return r;
    }

    void expectEnd(String what) {
        if (pos != end) {
            throw malformed("unexpected content after " + what + " (" + (end - pos) + " bytes)");
        }
    }
}
