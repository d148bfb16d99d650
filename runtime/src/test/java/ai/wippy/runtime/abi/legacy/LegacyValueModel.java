package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between the Java value model (see {@link WitType}) and the numbers, field lists and
 * case indexes the canonical ABI works with. Lowering validates the host value against its type;
 * a mismatch is a {@link CanonicalAbiException} naming the value and the type.
 */
final class LegacyValueModel {

    static final int CANONICAL_NAN32 = 0x7fc00000;
    static final long CANONICAL_NAN64 = 0x7ff8000000000000L;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** A variant-like value taken apart: the case index and its payload (null when none). */
    record CaseValue(int index, Object payload) {
    }

    private LegacyValueModel() {
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
        BigInteger big;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            big = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            big = b;
        } else {
            throw mismatch(v, t);
        }
        BigInteger[] range = integerRange(t);
        if (big.compareTo(range[0]) < 0 || big.compareTo(range[1]) > 0) {
            throw mismatch(v, t, "out of range");
        }
        return big.longValue();
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

    /** The Java value of the low bits of {@code bits} read as the integer type (truncating, as the spec does). */
    static Object liftInteger(WitType t, long bits) {
        if (t instanceof WitType.S8) {
            return (int) (byte) bits;
        }
        if (t instanceof WitType.U8) {
            return (int) (bits & 0xff);
        }
        if (t instanceof WitType.S16) {
            return (int) (short) bits;
        }
        if (t instanceof WitType.U16) {
            return (int) (bits & 0xffff);
        }
        if (t instanceof WitType.S32) {
            return (int) bits;
        }
        if (t instanceof WitType.U32) {
            return bits & 0xffffffffL;
        }
        if (t instanceof WitType.S64) {
            return bits;
        }
        if (t instanceof WitType.U64) {
            return bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
        }
        throw new IllegalArgumentException("not an integer type: " + t);
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
        long i = LegacyAbiContext.unsigned(i32);
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

    // ---- records and tuples --------------------------------------------------------------

    static List<Object> fieldValues(WitType t, Object v) {
        if (t instanceof WitType.TupleType tuple) {
            if (v instanceof List<?> list && list.size() == tuple.types().size()) {
                return new ArrayList<>(list);
            }
            throw mismatch(v, t, "a tuple is a List of " + tuple.types().size() + " values");
        }
        WitType.RecordType record = (WitType.RecordType) t;
        if (!(v instanceof Map<?, ?> map)) {
            throw mismatch(v, t, "a record is a Map by field name");
        }
        List<Object> values = new ArrayList<>();
        for (WitType.Field f : record.fields()) {
            if (!map.containsKey(f.name())) {
                throw mismatch(v, t, "missing field \"" + f.name() + "\"");
            }
            values.add(map.get(f.name()));
        }
        return values;
    }

    static Object recordValue(WitType t, List<Object> values) {
        if (t instanceof WitType.TupleType) {
            return Collections.unmodifiableList(new ArrayList<>(values));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        List<WitType.Field> fields = ((WitType.RecordType) t).fields();
        for (int i = 0; i < fields.size(); i++) {
            map.put(fields.get(i).name(), values.get(i));
        }
        return map;
    }

    // ---- variants, enums, options, results -----------------------------------------------

    static CaseValue caseOf(WitType t, Object v) {
        if (t instanceof WitType.VariantType variant) {
            if (!(v instanceof WitVariant wv)) {
                throw mismatch(v, t, "a variant is a WitVariant");
            }
            for (int i = 0; i < variant.cases().size(); i++) {
                WitType.Case c = variant.cases().get(i);
                if (c.name().equals(wv.caseName())) {
                    if (c.type() == null && wv.value() != null) {
                        throw mismatch(v, t, "case \"" + c.name() + "\" has no payload");
                    }
                    return new CaseValue(i, wv.value());
                }
            }
            throw mismatch(v, t, "no case \"" + wv.caseName() + "\"");
        }
        if (t instanceof WitType.EnumType e) {
            int index = v instanceof String s ? e.cases().indexOf(s) : -1;
            if (index < 0) {
                throw mismatch(v, t, "an enum is one of its case names");
            }
            return new CaseValue(index, null);
        }
        if (t instanceof WitType.OptionType option) {
            if (v == null) {
                return new CaseValue(0, null);
            }
            if (!(option.type() instanceof WitType.OptionType)) {
                return new CaseValue(1, v);
            }
            // A nested option is explicit; convert it to the inner option's own representation.
            if (v instanceof WitVariant wv && wv.caseName().equals("none") && wv.value() == null) {
                return new CaseValue(1, null);
            }
            if (v instanceof WitVariant wv && wv.caseName().equals("some") && wv.value() != null) {
                return new CaseValue(1, wv.value());
            }
            throw mismatch(v, t, "an option nested in an option is WitVariant(\"none\", null) or WitVariant(\"some\", value)");
        }
        WitType.ResultType result = (WitType.ResultType) t;
        if (!(v instanceof WitResult r)) {
            throw mismatch(v, t, "a result is a WitResult");
        }
        WitType side = r.isOk() ? result.ok() : result.err();
        if (side == null && r.value() != null) {
            throw mismatch(v, t, (r.isOk() ? "ok" : "error") + " has no payload");
        }
        return new CaseValue(r.isOk() ? 0 : 1, r.value());
    }

    static Object variantValue(WitType t, int index, Object payload) {
        if (t instanceof WitType.VariantType variant) {
            return new WitVariant(variant.cases().get(index).name(), payload);
        }
        if (t instanceof WitType.EnumType e) {
            return e.cases().get(index);
        }
        if (t instanceof WitType.OptionType option) {
            if (index == 0) {
                return null;
            }
            if (option.type() instanceof WitType.OptionType) {
                return payload == null ? new WitVariant("none", null) : new WitVariant("some", payload);
            }
            return payload;
        }
        return new WitResult(index == 0, payload);
    }

    // ---- flags ---------------------------------------------------------------------------

    /** The flag bits, {@code words} 32-bit words, label i at bit i % 32 of word i / 32. */
    static int[] lowerFlags(WitType.FlagsType t, Object v) {
        if (!(v instanceof Collection<?> set)) {
            throw mismatch(v, t, "flags are a Set of label names");
        }
        int[] words = new int[LegacyShapes.flagWords(t)];
        for (Object label : set) {
            int i = label instanceof String s ? t.labels().indexOf(s) : -1;
            if (i < 0) {
                throw mismatch(v, t, "no flag " + describe(label));
            }
            words[i / 32] |= 1 << (i % 32);
        }
        return words;
    }

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

    // ---- lists ---------------------------------------------------------------------------

    /** The elements of a list value; a byte[] stands for a {@code list<u8>} or {@code list<s8>}. */
    static List<?> listElements(WitType.ListType t, Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        if (v instanceof byte[] bytes && isByte(t.element())) {
            Integer[] boxed = new Integer[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                boxed[i] = t.element() instanceof WitType.U8 ? bytes[i] & 0xff : (int) bytes[i];
            }
            return Arrays.asList(boxed);
        }
        throw mismatch(v, t, "a list is a List");
    }

    static boolean isByte(WitType t) {
        return t instanceof WitType.U8 || t instanceof WitType.S8;
    }
}
