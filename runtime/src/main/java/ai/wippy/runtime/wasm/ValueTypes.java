package ai.wippy.runtime.wasm;

/**
 * Value types as the runtime's parser reads them: a type code (a u32, in practice one byte) and,
 * for {@code ref} and {@code ref null}, a heap type (s33). Codes that are no value type are
 * refused here, so the pre-pass and the parser never disagree on how many bytes a type takes.
 */
public final class ValueTypes {

    public static final int REF_NULL = 0x63;
    public static final int REF = 0x64;

    private ValueTypes() {
    }

    /**
     * Numeric, vector and reference type codes: i32 7f, i64 7e, f32 7d, f64 7c, v128 7b; funcref
     * 70, externref 6f, anyref 6e, eqref 6d, i31ref 6c, structref 6b, arrayref 6a, exnref 69,
     * nullref 71, nullexternref 72, nullfuncref 73, nullexnref 74; ref null 63, ref 64.
     */
    public static boolean isValueTypeCode(long code) {
        return (code >= 0x7b && code <= 0x7f) || (code >= 0x69 && code <= 0x74) || code == REF || code == REF_NULL;
    }

    /** Reads one value type; {@code what} says where, for the message. */
    public static void read(ByteReader r, String what) {
        int at = r.pos();
        long code = r.u32(what);
        readRest(r, code, at, what);
    }

    /** The rest of a value type whose code was read already (a table type's first byte). */
    public static void readRest(ByteReader r, long code, int at, String what) {
        if (code == REF || code == REF_NULL) {
            r.signed(33, "the heap type of " + what);
        } else if (!isValueTypeCode(code)) {
            throw r.error(at, "invalid value type 0x" + Long.toHexString(code) + " in " + what);
        }
    }
}
