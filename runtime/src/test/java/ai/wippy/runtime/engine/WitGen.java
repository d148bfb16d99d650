package ai.wippy.runtime.engine;

import ai.wippy.runtime.wit.WitType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random values of a WIT type in the SPEC §6.1 Java form (the classes {@link WitValueCheck}
 * expects of results), biased towards edge cases: minimum and maximum integers, 0 and ±1, negative
 * zero, NaN (also with payloads), infinities, subnormals, the boundaries of UTF-8 and UTF-16 encodings
 * (U+007F/U+0080, U+07FF/U+0800, U+D7FF/U+E000, U+FFFF/U+10000, U+10FFFF), U+0000 and U+FEFF,
 * Latin-1-only strings (the latin1+utf16 encoding keeps them narrow), empty and long strings and
 * lists, every case of variants and enums (the first and the last especially), empty and full flags.
 */
final class WitGen {

    private static final int[] EDGE_CHARS = {0x0, 0x1, 0x7f, 0x80, 0xff, 0x100, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfeff,
        0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0x10fffe, 0x10ffff};

    private static final float[] EDGE_F32 = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        0.1f, 16777216f, 16777217f, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000),
        Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0x007fffff)};

    private static final double[] EDGE_F64 = {0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 0.1, 9007199254740993d, 1e308, Double.longBitsToDouble(0x7ff8000000000001L),
        Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7ff0000000000001L),
        Double.longBitsToDouble(0x000fffffffffffffL), (double) Float.MAX_VALUE};

    final Random r;

    WitGen(long seed) {
        this.r = new Random(seed);
    }

    /** A value of {@code t}: lists of scalars up to 2000 elements at the top, shorter lists inside others. */
    Object value(WitType t) {
        return value(t, 0);
    }

    private Object value(WitType t, int depth) {
        if (t instanceof WitType.Bool) {
            return r.nextBoolean();
        }
        if (t instanceof WitType.S8) {
            return (int) (byte) integer(8, true).longValue();
        }
        if (t instanceof WitType.U8) {
            return integer(8, false).intValue();
        }
        if (t instanceof WitType.S16) {
            return (int) (short) integer(16, true).longValue();
        }
        if (t instanceof WitType.U16) {
            return integer(16, false).intValue();
        }
        if (t instanceof WitType.S32) {
            return integer(32, true).intValue();
        }
        if (t instanceof WitType.U32) {
            return integer(32, false).longValue();
        }
        if (t instanceof WitType.S64) {
            return integer(64, true).longValue();
        }
        if (t instanceof WitType.U64) {
            BigInteger b = integer(64, false);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (t instanceof WitType.F32) {
            return f32();
        }
        if (t instanceof WitType.F64) {
            return f64();
        }
        if (t instanceof WitType.Char) {
            return new String(Character.toChars(scalar(r.nextInt(6))));
        }
        if (t instanceof WitType.StringType) {
            return string(depth == 0 ? 4000 : 200);
        }
        if (t instanceof WitType.ListType l) {
            int n = length(isScalar(l.element()) ? (depth == 0 ? 2000 : 64) : depth == 0 ? 40 : 8);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(value(l.element(), depth + 1));
            }
            return out;
        }
        if (t instanceof WitType.FixedListType l) {
            List<Object> out = new ArrayList<>(l.length());
            for (int i = 0; i < l.length(); i++) {
                out.add(value(l.element(), depth + 1));
            }
            return out;
        }
        if (t instanceof WitType.MapType m) {
            // pairs in random order, a key now and then repeated (the canonical ABI keeps every pair)
            int n = length(depth == 0 ? 40 : 8);
            List<Map.Entry<Object, Object>> pairs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object key = i > 0 && r.nextInt(8) == 0 ? pairs.get(r.nextInt(i)).getKey() : value(m.key(), depth + 1);
                pairs.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value(m.value(), depth + 1)));
            }
            return ai.wippy.runtime.wit.WitMap.ofEntries(pairs);
        }
        if (t instanceof WitType.TupleType tu) {
            List<Object> out = new ArrayList<>();
            for (WitType e : tu.types()) {
                out.add(value(e, depth + 1));
            }
            return out;
        }
        if (t instanceof WitType.RecordType rec) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (WitType.Field f : rec.fields()) {
                out.put(f.name(), value(f.type(), depth + 1));
            }
            return out;
        }
        if (t instanceof WitType.VariantType v) {
            WitType.Case c = v.cases().get(pick(v.cases().size()));
            return Collections.singletonMap(c.name(), c.type() == null ? null : value(c.type(), depth + 1));
        }
        if (t instanceof WitType.EnumType e) {
            return e.cases().get(pick(e.cases().size()));
        }
        if (t instanceof WitType.FlagsType f) {
            List<String> out = new ArrayList<>();
            int mode = r.nextInt(6);
            for (String label : f.labels()) {
                if (mode == 0 ? false : mode == 1 ? true : r.nextInt(mode) == 0) {
                    out.add(label);
                }
            }
            return out;
        }
        if (t instanceof WitType.OptionType o) {
            if (r.nextInt(4) == 0) {
                return null;
            }
            if (o.type() instanceof WitType.OptionType) {
                Object inner = value(o.type(), depth + 1);
                return inner == null ? Collections.singletonMap("none", null) : Collections.singletonMap("some", inner);
            }
            return value(o.type(), depth + 1);
        }
        if (t instanceof WitType.ResultType res) {
            boolean ok = r.nextBoolean();
            WitType side = ok ? res.ok() : res.err();
            return Collections.singletonMap(ok ? "ok" : "err", side == null ? null : value(side, depth + 1));
        }
        throw new IllegalArgumentException("no generator for " + t);
    }

    private static boolean isScalar(WitType t) {
        return !(t instanceof WitType.ListType || t instanceof WitType.RecordType || t instanceof WitType.TupleType
                || t instanceof WitType.FixedListType || t instanceof WitType.MapType
                || t instanceof WitType.VariantType || t instanceof WitType.OptionType || t instanceof WitType.ResultType
                || t instanceof WitType.StringType);
    }

    /** A case index: the first and the last more often than the others. */
    int pick(int n) {
        int k = r.nextInt(8);
        return k == 0 ? 0 : k == 1 ? n - 1 : r.nextInt(n);
    }

    /** A length up to {@code max}: empty, one and short ones most often, now and then a long one. */
    int length(int max) {
        int k = r.nextInt(20);
        if (k < 3) {
            return 0;
        }
        if (k < 6) {
            return 1;
        }
        if (k < 16) {
            return 2 + r.nextInt(Math.max(1, Math.min(max, 10) - 1));
        }
        if (k < 19) {
            return r.nextInt(Math.min(max, 100) + 1);
        }
        return r.nextInt(max + 1);
    }

    /** An integer of {@code bits} bits: an edge value a third of the time, else uniform. */
    BigInteger integer(int bits, boolean signed) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (r.nextInt(3) == 0) {
            BigInteger[] edges = {min, max, BigInteger.ZERO, BigInteger.ONE, min.add(BigInteger.ONE),
                max.subtract(BigInteger.ONE), signed ? BigInteger.ONE.negate() : BigInteger.TWO,
                BigInteger.ONE.shiftLeft(bits / 2), BigInteger.valueOf(127), BigInteger.valueOf(128)};
            BigInteger e = edges[r.nextInt(edges.length)];
            return e.compareTo(max) > 0 ? max : e;
        }
        BigInteger u = new BigInteger(bits, r);
        // small magnitudes matter as much as big ones
        if (r.nextBoolean()) {
            u = u.shiftRight(r.nextInt(bits));
        }
        if (!signed) {
            return u;
        }
        return u.testBit(bits - 1) ? u.subtract(BigInteger.ONE.shiftLeft(bits)) : u;
    }

    float f32() {
        int k = r.nextInt(4);
        if (k == 0) {
            return EDGE_F32[r.nextInt(EDGE_F32.length)];
        }
        if (k == 1) {
            return Float.intBitsToFloat(r.nextInt()); // any bit pattern, NaN payloads included
        }
        return (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10));
    }

    double f64() {
        int k = r.nextInt(4);
        if (k == 0) {
            return EDGE_F64[r.nextInt(EDGE_F64.length)];
        }
        if (k == 1) {
            return Double.longBitsToDouble(r.nextLong());
        }
        return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
    }

    /** A Unicode scalar value (never a surrogate) of the given class: 0 edge, 1 ASCII, 2 Latin-1, 3 BMP, 4 astral, 5 any. */
    int scalar(int kind) {
        switch (kind) {
            case 0:
                return EDGE_CHARS[r.nextInt(EDGE_CHARS.length)];
            case 1:
                return r.nextInt(0x80);
            case 2:
                return r.nextInt(0x100);
            case 3: {
                int c = r.nextInt(0x10000 - 0x800);
                return c < 0xd800 ? c : c + 0x800;
            }
            case 4:
                return 0x10000 + r.nextInt(0x100000);
            default: {
                int c = r.nextInt(0x110000 - 0x800);
                return c < 0xd800 ? c : c + 0x800;
            }
        }
    }

    /** A string: ASCII, Latin-1, BMP, astral or mixed, of any length up to a few thousand scalar values. */
    String string(int maxLength) {
        int n = length(maxLength);
        int kind = r.nextInt(7); // 6 = mixed per character
        StringBuilder sb = new StringBuilder();
        if (n > 0 && r.nextInt(20) == 0) {
            sb.appendCodePoint(0xfeff); // a leading BOM is a character like any other
            n--;
        }
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(scalar(kind == 6 ? r.nextInt(6) : kind == 0 && r.nextBoolean() ? 1 : kind));
        }
        return sb.toString();
    }

    /** A Latin-1-only string (each char ≤ U+00FF). */
    String latin1(int maxLength) {
        int n = length(maxLength);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) scalar(r.nextBoolean() ? 1 : 2));
        }
        return sb.toString();
    }
}
