package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Converts between the Java value model (see {@link WitType}) and the numbers, field lists and
 * case indexes the canonical ABI works with. Lowering validates the host value against its type;
 * a mismatch is a {@link CanonicalAbiException} naming the value and the type.
 */
final class ValueModel {

    static final int CANONICAL_NAN32 = 0x7fc00000;
    static final long CANONICAL_NAN64 = 0x7ff8000000000000L;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** A variant-like value taken apart: the case index and its payload (null when none). */
    record CaseValue(int index, Object payload) {
    }

    private ValueModel() {
    }

    static CanonicalAbiException mismatch(Object value, WitType t) {
        return mismatch(value, t, null);
    }

    static CanonicalAbiException mismatch(Object value, WitType t, String detail) {
        return new CanonicalAbiException("cannot lower " + describe(value) + " as " + t + (detail == null ? "" : ": " + detail));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        return value + " (" + value.getClass().getSimpleName() + ")";
    }

    static boolean isInteger(WitType t) {
        return t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16
                || t instanceof WitType.U16 || t instanceof WitType.S32 || t instanceof WitType.U32
                || t instanceof WitType.S64 || t instanceof WitType.U64;
    }

    // ---- integers ------------------------------------------------------------------------

    /** The two's-complement bits of an integer value, checked against the type's range. */
    static long lowerInteger(WitType t, Object v) {
        long x;
        if (v instanceof Integer i) {
            x = i;
        } else if (v instanceof Long l) {
            x = l;
        } else if (v instanceof Short sh) {
            x = sh;
        } else if (v instanceof Byte b) {
            x = b;
        } else if (v instanceof BigInteger b) {
            BigInteger[] range = integerRange(t);
            if (b.compareTo(range[0]) < 0 || b.compareTo(range[1]) > 0) {
                throw mismatch(v, t, "out of range");
            }
            return b.longValue();
        } else {
            throw mismatch(v, t);
        }
        if (!inRange(t, x)) {
            throw mismatch(v, t, "out of range");
        }
        return x;
    }

    /** Whether the integer {@code x} fits integer type {@code t}. */
    static boolean inRange(WitType t, long x) {
        if (t instanceof WitType.S32) {
            return x == (int) x;
        }
        if (t instanceof WitType.U32) {
            return (x & 0xffffffffL) == x;
        }
        if (t instanceof WitType.S64) {
            return true;
        }
        if (t instanceof WitType.U64) {
            return x >= 0;
        }
        if (t instanceof WitType.U8) {
            return (x & 0xff) == x;
        }
        if (t instanceof WitType.S8) {
            return x == (byte) x;
        }
        if (t instanceof WitType.U16) {
            return (x & 0xffff) == x;
        }
        if (t instanceof WitType.S16) {
            return x == (short) x;
        }
        throw new IllegalArgumentException("not an integer type: " + t);
    }

    /** Inclusive [min, max] of an integer type. */
    static BigInteger[] integerRange(WitType t) {
        if (t instanceof WitType.S8) {
            return range(Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (t instanceof WitType.U8) {
            return range(0, 0xff);
        }
        if (t instanceof WitType.S16) {
            return range(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (t instanceof WitType.U16) {
            return range(0, 0xffff);
        }
        if (t instanceof WitType.S32) {
            return range(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (t instanceof WitType.U32) {
            return range(0, 0xffffffffL);
        }
        if (t instanceof WitType.S64) {
            return range(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (t instanceof WitType.U64) {
            return new BigInteger[] {BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE)};
        }
        throw new IllegalArgumentException("not an integer type: " + t);
    }

    private static BigInteger[] range(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }

    // ---- bool, floats, char, handles -----------------------------------------------------

    static int lowerBool(WitType t, Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw mismatch(v, t);
    }

    /** f32 bits; NaN is passed as the canonical NaN (the spec's deterministic profile). */
    static int lowerF32(WitType t, Object v) {
        if (v instanceof Float || v instanceof Double) {
            float f = ((Number) v).floatValue();
            return Float.isNaN(f) ? CANONICAL_NAN32 : Float.floatToRawIntBits(f);
        }
        throw mismatch(v, t);
    }

    static long lowerF64(WitType t, Object v) {
        if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) ? CANONICAL_NAN64 : Double.doubleToRawLongBits(d);
        }
        throw mismatch(v, t);
    }

    /** Lifted floats have their NaNs canonicalized, so guests cannot leak NaN payload bits. */
    static Float liftF32(int bits) {
        return Float.intBitsToFloat(Float.isNaN(Float.intBitsToFloat(bits)) ? CANONICAL_NAN32 : bits);
    }

    static Double liftF64(long bits) {
        return Double.longBitsToDouble(Double.isNaN(Double.longBitsToDouble(bits)) ? CANONICAL_NAN64 : bits);
    }

    static int lowerChar(WitType t, Object v) {
        int cp;
        if (v instanceof String s && !s.isEmpty() && s.codePointCount(0, s.length()) == 1) {
            cp = s.codePointAt(0);
        } else if (v instanceof Character c) {
            cp = c;
        } else {
            throw mismatch(v, t, "a char is a string of exactly one Unicode scalar value");
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            throw mismatch(v, t, "a surrogate is not a Unicode scalar value");
        }
        return cp;
    }

    static String liftChar(int i32) {
        long i = AbiContext.unsigned(i32);
        if (i >= 0x110000 || (i >= 0xD800 && i <= 0xDFFF)) {
            throw new CanonicalAbiException(String.format("invalid char 0x%x: not a Unicode scalar value", i));
        }
        return new String(Character.toChars((int) i));
    }

    static int lowerHandle(WitType t, Object v) {
        if (v instanceof Integer i && i >= 0) {
            return i;
        }
        throw mismatch(v, t, "a resource handle is a non-negative Integer");
    }

    // ---- flags ---------------------------------------------------------------------------

    /** Bits beyond the labels are ignored, as the spec says. */
    static Set<String> liftFlags(WitType.FlagsType t, int[] words) {
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < t.labels().size(); i++) {
            if ((words[i / 32] >>> (i % 32) & 1) != 0) {
                set.add(t.labels().get(i));
            }
        }
        return set;
    }
}
