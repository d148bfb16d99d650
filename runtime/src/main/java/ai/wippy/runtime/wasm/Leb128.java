package ai.wippy.runtime.wasm;

import java.io.ByteArrayOutputStream;

/** Writes the binary format's unsigned LEB128 numbers (sizes, counts, indices). */
public final class Leb128 {

    private Leb128() {
    }

    /** {@code value} (taken as unsigned) in as few 7-bit groups as it needs, low group first. */
    public static void writeUnsigned(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
