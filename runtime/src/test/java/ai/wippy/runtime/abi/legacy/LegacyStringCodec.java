package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings in guest memory: {@code (ptr, tagged code units)} in the lift/lower's encoding. UTF-8:
 * units are bytes, alignment 1. UTF-16: units are 16-bit code units, alignment 2. latin1+utf16:
 * alignment 2; with {@link #UTF16_TAG} set the units are UTF-16, otherwise Latin-1 bytes.
 *
 * <p>The host's strings are Java strings, not strings of another component, so storing encodes
 * the whole string first and makes a single exact-size allocation; the spec's incremental
 * transcoding reallocs exist to avoid a second pass over a source in another guest's memory.
 */
final class LegacyStringCodec {

    static final long UTF16_TAG = 1L << 31;

    private LegacyStringCodec() {
    }

    static String load(LegacyAbiContext cx, long ptr, long taggedUnits) {
        int alignment;
        long byteLength;
        Charset charset;
        switch (cx.encoding()) {
            case UTF8 -> {
                alignment = 1;
                byteLength = taggedUnits;
                charset = StandardCharsets.UTF_8;
            }
            case UTF16 -> {
                alignment = 2;
                byteLength = 2 * taggedUnits;
                charset = StandardCharsets.UTF_16LE;
            }
            default -> {
                alignment = 2;
                if ((taggedUnits & UTF16_TAG) != 0) {
                    byteLength = 2 * (taggedUnits ^ UTF16_TAG);
                    charset = StandardCharsets.UTF_16LE;
                } else {
                    byteLength = taggedUnits;
                    charset = StandardCharsets.ISO_8859_1;
                }
            }
        }
        if (byteLength > LegacyCanonicalAbi.MAX_STRING_BYTE_LENGTH) {
            throw new CanonicalAbiException("string of " + byteLength + " bytes exceeds the maximum of "
                    + LegacyCanonicalAbi.MAX_STRING_BYTE_LENGTH + " bytes");
        }
        cx.checkAligned(ptr, alignment, "string");
        cx.checkInBounds(ptr, byteLength, "string");
        byte[] bytes = cx.readBytes(ptr, (int) byteLength);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CanonicalAbiException(String.format("invalid %s in string at 0x%x (%d bytes)",
                    charset == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16", ptr, byteLength));
        }
    }

    /** Stores {@code s} in a fresh allocation; returns {@code {ptr, tagged code units}}. */
    static long[] store(LegacyAbiContext cx, String s) {
        switch (cx.encoding()) {
            case UTF8 -> {
                byte[] bytes = encode(s, StandardCharsets.UTF_8);
                return storeBytes(cx, bytes, 1, bytes.length);
            }
            case UTF16 -> {
                byte[] bytes = encode(s, StandardCharsets.UTF_16LE);
                return storeBytes(cx, bytes, 2, bytes.length / 2);
            }
            default -> {
                if (s.chars().allMatch(c -> c < 0x100)) {
                    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                    return storeBytes(cx, bytes, 2, bytes.length);
                }
                byte[] bytes = encode(s, StandardCharsets.UTF_16LE);
                return storeBytes(cx, bytes, 2, (bytes.length / 2) | UTF16_TAG);
            }
        }
    }

    private static long[] storeBytes(LegacyAbiContext cx, byte[] bytes, int alignment, long taggedUnits) {
        if (bytes.length > LegacyCanonicalAbi.MAX_STRING_BYTE_LENGTH) {
            throw new CanonicalAbiException("string of " + bytes.length + " bytes exceeds the maximum of "
                    + LegacyCanonicalAbi.MAX_STRING_BYTE_LENGTH + " bytes");
        }
        long ptr = cx.allocate(alignment, bytes.length, "a string");
        cx.writeBytes(ptr, bytes);
        return new long[] {ptr, taggedUnits};
    }

    private static byte[] encode(String s, Charset charset) {
        try {
            ByteBuffer buffer = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CanonicalAbiException("cannot lower a string with an unpaired surrogate: not valid Unicode");
        }
    }
}
