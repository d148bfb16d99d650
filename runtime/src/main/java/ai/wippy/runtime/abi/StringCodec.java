package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings in guest memory: {@code (ptr, tagged code units)} in one encoding. UTF-8: units are
 * bytes, alignment 1. UTF-16: units are 16-bit code units, alignment 2. latin1+utf16: alignment 2;
 * with {@link #UTF16_TAG} set the units are UTF-16, otherwise Latin-1 bytes.
 *
 * <p>The host's strings are Java strings, not strings of another component, so storing encodes
 * the whole string first and makes a single exact-size allocation; the spec's incremental
 * transcoding reallocs exist to avoid a second pass over a source in another guest's memory.
 *
 * <p>Fast paths: one copy out of (or into) guest memory; ASCII UTF-8 is checked eight bytes at a
 * time and becomes a Latin-1 (compact) Java string without decoding; other text is validated
 * strictly (the spec traps on invalid UTF-8 and lone surrogates, where the JDK's String
 * constructors would substitute) and then converted by the JDK.
 */
final class StringCodec extends PointerLengthCodec {

    static final long UTF16_TAG = 1L << 31;

    private static final StringCodec UTF8 = new StringCodec(StringEncoding.UTF8);
    private static final StringCodec UTF16 = new StringCodec(StringEncoding.UTF16);
    private static final StringCodec LATIN1_UTF16 = new StringCodec(StringEncoding.LATIN1_UTF16);

    private final StringEncoding encoding;

    private StringCodec(StringEncoding encoding) {
        super(WitType.STRING);
        this.encoding = encoding;
    }

    static StringCodec of(StringEncoding encoding) {
        return switch (encoding) {
            case UTF8 -> UTF8;
            case UTF16 -> UTF16;
            case LATIN1_UTF16 -> LATIN1_UTF16;
        };
    }

    // ---- lifting ------------------------------------------------------------------------------

    @Override
    String loadAt(AbiContext cx, long ptr, long taggedUnits) {
        int alignment;
        long byteLength;
        boolean utf16;
        switch (encoding) {
            case UTF8 -> {
                alignment = 1;
                byteLength = taggedUnits;
                utf16 = false;
            }
            case UTF16 -> {
                alignment = 2;
                byteLength = 2 * taggedUnits;
                utf16 = true;
            }
            default -> {
                alignment = 2;
                utf16 = (taggedUnits & UTF16_TAG) != 0;
                byteLength = utf16 ? 2 * (taggedUnits ^ UTF16_TAG) : taggedUnits;
            }
        }
        if (byteLength > CanonicalAbi.MAX_STRING_BYTE_LENGTH) {
            throw new CanonicalAbiException("string of " + byteLength + " bytes exceeds the maximum of "
                    + CanonicalAbi.MAX_STRING_BYTE_LENGTH + " bytes");
        }
        cx.checkAligned(ptr, alignment, "string");
        cx.checkInBounds(ptr, byteLength, "string");
        byte[] bytes = cx.bytes(ptr, (int) byteLength);
        String s;
        if (utf16) {
            s = decodeUtf16(bytes);
        } else if (encoding == StringEncoding.UTF8) {
            s = decodeUtf8(bytes);
        } else {
            return new String(bytes, StandardCharsets.ISO_8859_1); // every byte is a Latin-1 character
        }
        if (s == null) {
            throw new CanonicalAbiException(String.format("invalid %s in string at 0x%x (%d bytes)",
                    utf16 ? "UTF-16" : "UTF-8", ptr, byteLength));
        }
        return s;
    }

    /** The text of well-formed UTF-8, or null (overlong forms, surrogates, beyond U+10FFFF, truncated). */
    static String decodeUtf8(byte[] b) {
        int n = b.length;
        if (LittleEndian.ascii(b, 0, n)) {
            return new String(b, StandardCharsets.ISO_8859_1); // a copy: ASCII is its own Latin-1
        }
        return validUtf8(b) ? new String(b, StandardCharsets.UTF_8) : null;
    }

    /** Well-formed UTF-8 per Unicode's table 3-7 (what a strict JDK decoder accepts). */
    static boolean validUtf8(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xc2) {
                return false; // a continuation byte, or an overlong 2-byte lead
            }
            if (c < 0xe0) {
                if (i + 1 >= n || (b[i + 1] & 0xc0) != 0x80) {
                    return false;
                }
                i += 2;
            } else if (c < 0xf0) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                int lo = c == 0xe0 ? 0xa0 : 0x80; // no overlong
                int hi = c == 0xed ? 0x9f : 0xbf; // no surrogates
                if (c1 < lo || c1 > hi || (b[i + 2] & 0xc0) != 0x80) {
                    return false;
                }
                i += 3;
            } else if (c < 0xf5) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                int lo = c == 0xf0 ? 0x90 : 0x80; // no overlong
                int hi = c == 0xf4 ? 0x8f : 0xbf; // nothing beyond U+10FFFF
                if (c1 < lo || c1 > hi || (b[i + 2] & 0xc0) != 0x80 || (b[i + 3] & 0xc0) != 0x80) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    /** The text of UTF-16LE code units without lone surrogates, or null. */
    static String decodeUtf16(byte[] b) {
        int n = b.length / 2;
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            int c = LittleEndian.u16(b, 2 * i);
            chars[i] = (char) c;
            if (c >= 0xd800 && c <= 0xdfff) {
                if (c > 0xdbff || i + 1 >= n) {
                    return null;
                }
                int d = LittleEndian.u16(b, 2 * i + 2);
                if (d < 0xdc00 || d > 0xdfff) {
                    return null;
                }
                chars[++i] = (char) d;
            }
        }
        return new String(chars);
    }

    // ---- lowering -----------------------------------------------------------------------------

    /** Stores {@code v} in a fresh allocation; returns {@code ptr | taggedUnits << 32}. */
    @Override
    long storeContents(AbiContext cx, Object v) {
        if (!(v instanceof String s)) {
            throw ValueModel.mismatch(v, type);
        }
        switch (encoding) {
            case UTF8 -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                // getBytes substitutes '?' for a lone surrogate, which the spec refuses to lower. One
                // byte per char is ASCII, or such a '?': the string is then its bytes read as Latin-1.
                if (bytes.length != s.length() || !s.equals(new String(bytes, StandardCharsets.ISO_8859_1))) {
                    checkWellFormed(s);
                }
                return storeBytes(cx, bytes, 1, bytes.length);
            }
            case UTF16 -> {
                checkWellFormed(s);
                byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
                return storeBytes(cx, bytes, 2, bytes.length / 2);
            }
            default -> {
                byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1); // '?' for what Latin-1 lacks
                if (s.equals(new String(latin1, StandardCharsets.ISO_8859_1))) {
                    return storeBytes(cx, latin1, 2, latin1.length);
                }
                checkWellFormed(s);
                byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
                return storeBytes(cx, bytes, 2, (bytes.length / 2) | UTF16_TAG);
            }
        }
    }

    /** Lone surrogates cannot be lowered: they are not Unicode scalar values. */
    private static void checkWellFormed(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new CanonicalAbiException("cannot lower a string with an unpaired surrogate: not valid Unicode");
                }
            }
        }
    }

    private static long storeBytes(AbiContext cx, byte[] bytes, int alignment, long taggedUnits) {
        if (bytes.length > CanonicalAbi.MAX_STRING_BYTE_LENGTH) {
            throw new CanonicalAbiException("string of " + bytes.length + " bytes exceeds the maximum of "
                    + CanonicalAbi.MAX_STRING_BYTE_LENGTH + " bytes");
        }
        long ptr = cx.allocate(alignment, bytes.length, "a string");
        cx.putBytes(ptr, bytes, bytes.length);
        return ptr | taggedUnits << 32;
    }

    /** The strict JDK decoder, kept as the reference the fast paths are tested against. */
    static String strictDecode(byte[] bytes, java.nio.charset.Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
