package ai.wippy.runtime.component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes component binaries by hand for the decoder and validator tests (Binary.md encodings). */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of() {
        return new Bytes();
    }

    Bytes b(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    Bytes u32(long v) {
        ai.wippy.runtime.wasm.Leb128.writeUnsigned(out, v);
        return this;
    }

    /** A signed LEB128, as type indices in a {@code valtype} are (s33). */
    Bytes s33(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                out.write(b);
                return this;
            }
            out.write(b | 0x80);
        }
    }

    Bytes name(String s) {
        byte[] n = s.getBytes(StandardCharsets.UTF_8);
        u32(n.length);
        out.write(n, 0, n.length);
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    Bytes raw(Bytes bytes) {
        return raw(bytes.bytes());
    }

    /** A section: id, size, then {@code content}. */
    Bytes section(int id, Bytes content) {
        byte[] c = content.bytes();
        out.write(id);
        u32(c.length);
        out.write(c, 0, c.length);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The 8-byte component preamble (version 0xd, layer 1) followed by {@code sections}. */
    static byte[] component(Bytes... sections) {
        Bytes c = of().b(0x00, 0x61, 0x73, 0x6D, 0x0d, 0x00, 0x01, 0x00);
        for (Bytes s : sections) {
            c.raw(s);
        }
        return c.bytes();
    }
}
