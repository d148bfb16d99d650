package ai.wippy.runtime.wasm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the WebAssembly binary encoding (bytes, LEB128 integers, vectors, names) from a region of
 * a file, never past its end. Every length and count is checked against the bytes left in the
 * region before anything is skipped or sized by it, so a hostile count can neither run past the
 * file nor make a caller allocate for elements that cannot exist. Failures name the offset in the
 * whole file and the region ("the file", "the code section", "function 3").
 */
public final class ByteReader {

    private final byte[] bytes;
    private final int end;
    private final String region;
    private int pos;

    public ByteReader(byte[] bytes, int start, int end, String region) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.region = region;
    }

    public int pos() {
        return pos;
    }

    public int end() {
        return end;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean more() {
        return pos < end;
    }

    public String region() {
        return region;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** {@code 1 byte left}, {@code 12 bytes left}. */
    public String left() {
        return remaining() + (remaining() == 1 ? " byte left" : " bytes left");
    }

    public MalformedBinaryException error(long at, String message) {
        return new MalformedBinaryException(at, message);
    }

    /**
     * A reader over the next {@code size} bytes (a section, a function body), after which this
     * reader continues. {@code what} names the thing whose size it is, for the message.
     */
    public ByteReader sub(long size, int sizeAt, String what, String subRegion) {
        if (size > remaining()) {
            throw error(sizeAt, what + " size " + size + " exceeds " + region + " (" + left() + ")");
        }
        ByteReader sub = new ByteReader(bytes, pos, pos + (int) size, subRegion);
        pos += (int) size;
        return sub;
    }

    public int u8(String what) {
        if (pos >= end) {
            throw error(pos, "unexpected end of " + region + " while reading " + what);
        }
        return bytes[pos++] & 0xff;
    }

    public void skip(long n, String what) {
        if (n > remaining()) {
            throw error(pos, what + " (" + n + " bytes) runs past the end of " + region + " (" + left() + ")");
        }
        pos += (int) n;
    }

    /** An unsigned LEB128 integer of at most 32 bits (at most 5 bytes, no bits beyond 32). */
    public long u32(String what) {
        int at = pos;
        long result = 0;
        for (int i = 0; i < 5; i++) {
            int b = u8At(at, what);
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i == 4 && (b & 0x70) != 0) {
                    throw error(at, "integer too large in " + what);
                }
                return result;
            }
        }
        throw error(at, "integer representation too long in " + what);
    }

    /** A signed LEB128 integer of {@code bits} bits (32, 33 or 64); returns it when it fits a long. */
    public long signed(int bits, String what) {
        int at = pos;
        int max = (bits + 6) / 7;
        long result = 0;
        int shift = 0;
        for (int i = 0; i < max; i++) {
            int b = u8At(at, what);
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                if (i == max - 1) {
                    // The unused bits of the last byte must all equal the sign bit.
                    int used = bits - 7 * (max - 1);
                    int rest = (b & 0x7f) >> (used - 1);
                    if (rest != 0 && rest != (0x7f >> (used - 1))) {
                        throw error(at, "integer too large in " + what);
                    }
                }
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
        throw error(at, "integer representation too long in " + what);
    }

    private int u8At(int start, String what) {
        if (pos >= end) {
            throw error(start, "unexpected end of " + region + " while reading " + what);
        }
        return bytes[pos++] & 0xff;
    }

    /**
     * The count of a vector whose elements take at least {@code minBytes} bytes each: a count that
     * cannot fit in what is left of the region is refused before anyone loops over it.
     */
    public long count(String what, int minBytes) {
        int at = pos;
        long n = u32(what + " count");
        if (n * minBytes > remaining()) {
            throw error(at, what + " count " + n + " exceeds " + region + " (" + left() + ")");
        }
        return n;
    }

    /** A name: a length-prefixed UTF-8 string. */
    public String name(String what) {
        int at = pos;
        long length = u32(what + " length");
        if (length > remaining()) {
            throw error(at, what + " length " + length + " exceeds " + region + " (" + left() + ")");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, (int) length)).toString();
            pos += (int) length;
            return s;
        } catch (CharacterCodingException e) {
            throw error(at, what + " is not valid UTF-8");
        }
    }
}
