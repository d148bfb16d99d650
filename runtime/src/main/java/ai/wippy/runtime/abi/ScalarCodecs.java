package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Codecs of the types that are one core value (and flags): bool, integers, floats, char, handles. */
final class ScalarCodecs {

    private ScalarCodecs() {
    }

    static final Codec BOOL = new BoolCodec();
    static final Codec F32 = new F32Codec();
    static final Codec F64 = new F64Codec();
    static final Codec CHAR = new CharCodec();

    private static final IntCodec S8 = new IntCodec(WitType.S8, 1, false);
    private static final IntCodec U8 = new IntCodec(WitType.U8, 1, true);
    private static final IntCodec S16 = new IntCodec(WitType.S16, 2, false);
    private static final IntCodec U16 = new IntCodec(WitType.U16, 2, true);
    private static final IntCodec S32 = new IntCodec(WitType.S32, 4, false);
    private static final IntCodec U32 = new IntCodec(WitType.U32, 4, true);
    private static final IntCodec S64 = new IntCodec(WitType.S64, 8, false);
    private static final IntCodec U64 = new IntCodec(WitType.U64, 8, true);

    /** u8 values 0..255 boxed once (Integer's own cache stops at 127). */
    private static final Integer[] U8_BOXES = new Integer[256];

    static {
        for (int i = 0; i < 256; i++) {
            U8_BOXES[i] = i;
        }
    }

    static Integer boxU8(int v) {
        return U8_BOXES[v];
    }

    static Codec integer(WitType t) {
        if (t instanceof WitType.S8) {
            return S8;
        }
        if (t instanceof WitType.U8) {
            return U8;
        }
        if (t instanceof WitType.S16) {
            return S16;
        }
        if (t instanceof WitType.U16) {
            return U16;
        }
        if (t instanceof WitType.S32) {
            return S32;
        }
        if (t instanceof WitType.U32) {
            return U32;
        }
        if (t instanceof WitType.S64) {
            return S64;
        }
        return U64;
    }

    /** Whether {@code c} is the codec of u8 or s8 (their lists are byte arrays). */
    static boolean isByte(Codec c) {
        return c == U8 || c == S8;
    }

    static final class BoolCodec extends Codec {
        BoolCodec() {
            super(WitType.BOOL, 1, 1, null);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(CoreType.I32);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            return cx.u8(ptr) != 0;
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            cx.put8(ptr, ValueModel.lowerBool(type, v));
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return (int) in[at] != 0;
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            out[at] = ValueModel.lowerBool(type, v);
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            return b[at] != 0;
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            b[at] = (byte) ValueModel.lowerBool(type, v);
        }
    }

    /**
     * s8 … u64. Lifting truncates to the width (and sign-extends signed types), as the spec does;
     * lowering checks the range. The Java types are those of {@link WitType}'s value model.
     */
    static final class IntCodec extends Codec {
        private final int width;
        private final boolean unsigned;

        IntCodec(WitType t, int width, boolean unsigned) {
            super(t, width, width, null);
            this.width = width;
            this.unsigned = unsigned;
        }

        /** The Java value of the low bits of {@code bits}. */
        private Object value(long bits) {
            switch (width) {
                case 1:
                    return unsigned ? boxU8((int) bits & 0xff) : Integer.valueOf((byte) bits);
                case 2:
                    return unsigned ? Integer.valueOf((int) bits & 0xffff) : Integer.valueOf((short) bits);
                case 4:
                    return unsigned ? (Object) (bits & 0xffffffffL) : (Object) (int) bits;
                default:
                    return !unsigned || bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
            }
        }

        /** The bits of a host value, range-checked (messages of {@link ValueModel#lowerInteger}). */
        private long bits(Object v) {
            if (v instanceof Integer i) {
                int x = i;
                switch (width) {
                    case 1:
                        if (unsigned ? (x & 0xff) == x : x == (byte) x) {
                            return x;
                        }
                        break;
                    case 2:
                        if (unsigned ? (x & 0xffff) == x : x == (short) x) {
                            return x;
                        }
                        break;
                    case 4:
                        if (!unsigned || x >= 0) {
                            return x;
                        }
                        break;
                    default:
                        if (!unsigned || x >= 0) {
                            return x;
                        }
                        break;
                }
                throw ValueModel.mismatch(v, type, "out of range");
            }
            return ValueModel.lowerInteger(type, v);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(width == 8 ? CoreType.I64 : CoreType.I32);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            switch (width) {
                case 1:
                    return value(cx.u8(ptr));
                case 2:
                    return value(cx.u16(ptr));
                case 4:
                    return value(cx.i32(ptr));
                default:
                    return value(cx.i64(ptr));
            }
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            long x = bits(v);
            switch (width) {
                case 1 -> cx.put8(ptr, (int) x);
                case 2 -> cx.put16(ptr, (int) x);
                case 4 -> cx.put32(ptr, (int) x);
                default -> cx.put64(ptr, x);
            }
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return value(width == 8 ? in[at] : (int) in[at]);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            long x = bits(v);
            out[at] = width == 8 ? x : (long) (int) x;
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            switch (width) {
                case 1:
                    return value(b[at]);
                case 2:
                    return value(LittleEndian.u16(b, at));
                case 4:
                    return value(LittleEndian.i32(b, at));
                default:
                    return value(LittleEndian.i64(b, at));
            }
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            long x = bits(v);
            switch (width) {
                case 1 -> b[at] = (byte) x;
                case 2 -> LittleEndian.put16(b, at, (int) x);
                case 4 -> LittleEndian.put32(b, at, (int) x);
                default -> LittleEndian.put64(b, at, x);
            }
        }

        @Override
        void decodeAll(byte[] b, Object[] out) {
            int n = out.length;
            switch (width) {
                case 1 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = unsigned ? boxU8(b[i] & 0xff) : Integer.valueOf(b[i]);
                    }
                }
                case 2 -> {
                    for (int i = 0; i < n; i++) {
                        int x = LittleEndian.u16(b, 2 * i);
                        out[i] = unsigned ? Integer.valueOf(x) : Integer.valueOf((short) x);
                    }
                }
                case 4 -> {
                    if (unsigned) {
                        for (int i = 0; i < n; i++) {
                            out[i] = LittleEndian.i32(b, 4 * i) & 0xffffffffL;
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            out[i] = LittleEndian.i32(b, 4 * i);
                        }
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = value(LittleEndian.i64(b, 8 * i));
                    }
                }
            }
        }

        @Override
        int encodeAll(List<?> elements, int from, int count, byte[] b) {
            int i = 0;
            try {
                switch (width) {
                    case 1 -> {
                        for (; i < count; i++) {
                            b[i] = (byte) bits(elements.get(from + i));
                        }
                    }
                    case 2 -> {
                        for (; i < count; i++) {
                            LittleEndian.put16(b, 2 * i, (int) bits(elements.get(from + i)));
                        }
                    }
                    case 4 -> {
                        for (; i < count; i++) {
                            Object e = elements.get(from + i);
                            // the common case first: an Integer for an s32
                            int x = !unsigned && e instanceof Integer boxed ? boxed : (int) bits(e);
                            LittleEndian.put32(b, 4 * i, x);
                        }
                    }
                    default -> {
                        for (; i < count; i++) {
                            LittleEndian.put64(b, 8 * i, bits(elements.get(from + i)));
                        }
                    }
                }
            } catch (RuntimeException e) {
                return i;
            }
            return count;
        }
    }

    static final class F32Codec extends Codec {
        F32Codec() {
            super(WitType.F32, 4, 4, null);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(CoreType.F32);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            return ValueModel.liftF32(cx.i32(ptr));
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            cx.put32(ptr, ValueModel.lowerF32(type, v));
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return ValueModel.liftF32((int) in[at]);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            out[at] = ValueModel.lowerF32(type, v);
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            return ValueModel.liftF32(LittleEndian.i32(b, at));
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            LittleEndian.put32(b, at, ValueModel.lowerF32(type, v));
        }

        @Override
        void decodeAll(byte[] b, Object[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = ValueModel.liftF32(LittleEndian.i32(b, 4 * i));
            }
        }
    }

    static final class F64Codec extends Codec {
        F64Codec() {
            super(WitType.F64, 8, 8, null);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(CoreType.F64);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            return ValueModel.liftF64(cx.i64(ptr));
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            cx.put64(ptr, ValueModel.lowerF64(type, v));
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return ValueModel.liftF64(in[at]);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            out[at] = ValueModel.lowerF64(type, v);
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            return ValueModel.liftF64(LittleEndian.i64(b, at));
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            LittleEndian.put64(b, at, ValueModel.lowerF64(type, v));
        }

        @Override
        void decodeAll(byte[] b, Object[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = ValueModel.liftF64(LittleEndian.i64(b, 8 * i));
            }
        }
    }

    static final class CharCodec extends Codec {
        CharCodec() {
            super(WitType.CHAR, 4, 4, null);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(CoreType.I32);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            return ValueModel.liftChar(cx.i32(ptr));
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            cx.put32(ptr, ValueModel.lowerChar(type, v));
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return ValueModel.liftChar((int) in[at]);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            out[at] = ValueModel.lowerChar(type, v);
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            return ValueModel.liftChar(LittleEndian.i32(b, at));
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            LittleEndian.put32(b, at, ValueModel.lowerChar(type, v));
        }
    }

    /** own and borrow: an i32 handle index, resolved through the call's {@link ResourceHandles}. */
    static final class HandleCodec extends Codec {
        HandleCodec(WitType t) {
            super(t, 4, 4, null);
        }

        @Override
        void flattenInto(List<CoreType> out) {
            out.add(CoreType.I32);
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            return cx.liftHandle(type, cx.i32(ptr));
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            cx.put32(ptr, cx.lowerHandle(type, v));
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            return cx.liftHandle(type, (int) in[at]);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            out[at] = cx.lowerHandle(type, v);
        }
    }

    /** flags: 1, 2 or 4 bytes up to 32 labels, then one i32 per 32 labels; bits beyond the labels ignored. */
    static final class FlagsCodec extends Codec {
        private final WitType.FlagsType flags;
        private final int words;
        private final Map<String, Integer> index = new HashMap<>();

        FlagsCodec(WitType.FlagsType t) {
            super(t, Math.min(size(t), 4), size(t), null);
            this.flags = t;
            this.words = Shapes.flagWords(t);
            for (int i = 0; i < t.labels().size(); i++) {
                index.put(t.labels().get(i), i);
            }
        }

        private static int size(WitType.FlagsType f) {
            int n = f.labels().size();
            if (n <= 8) {
                return 1;
            }
            if (n <= 16) {
                return 2;
            }
            return 4 * Shapes.flagWords(f);
        }

        /** The flag bits of a Collection of label names, label i at bit i % 32 of word i / 32. */
        private int[] lowerWords(Object v) {
            if (!(v instanceof java.util.Collection<?> set)) {
                throw ValueModel.mismatch(v, type, "flags are a Set of label names");
            }
            int[] w = new int[words];
            for (Object label : set) {
                Integer i = label instanceof String s ? index.get(s) : null;
                if (i == null) {
                    throw ValueModel.mismatch(v, type, "no flag " + ValueModel.describe(label));
                }
                w[i / 32] |= 1 << (i % 32);
            }
            return w;
        }

        @Override
        void flattenInto(List<CoreType> out) {
            for (int i = 0; i < words; i++) {
                out.add(CoreType.I32);
            }
        }

        @Override
        Object load(AbiContext cx, long ptr) {
            int size = (int) rawSize();
            int[] w;
            if (size == 1) {
                w = new int[] {cx.u8(ptr)};
            } else if (size == 2) {
                w = new int[] {cx.u16(ptr)};
            } else {
                w = new int[words];
                for (int i = 0; i < words; i++) {
                    w[i] = cx.i32(ptr + 4L * i);
                }
            }
            return ValueModel.liftFlags(flags, w);
        }

        @Override
        void store(AbiContext cx, long ptr, Object v) {
            int[] w = lowerWords(v);
            int size = (int) rawSize();
            if (size == 1) {
                cx.put8(ptr, w[0]);
            } else if (size == 2) {
                cx.put16(ptr, w[0]);
            } else {
                for (int i = 0; i < words; i++) {
                    cx.put32(ptr + 4L * i, w[i]);
                }
            }
        }

        @Override
        Object lift(AbiContext cx, long[] in, int at) {
            int[] w = new int[words];
            for (int i = 0; i < words; i++) {
                w[i] = (int) in[at + i];
            }
            return ValueModel.liftFlags(flags, w);
        }

        @Override
        void lower(AbiContext cx, Object v, long[] out, int at) {
            int[] w = lowerWords(v);
            for (int i = 0; i < words; i++) {
                out[at + i] = w[i];
            }
        }

        @Override
        boolean pure() {
            return true;
        }

        @Override
        boolean dense() {
            return true;
        }

        @Override
        Object decode(byte[] b, int at) {
            int size = (int) rawSize();
            int[] w;
            if (size == 1) {
                w = new int[] {LittleEndian.u8(b, at)};
            } else if (size == 2) {
                w = new int[] {LittleEndian.u16(b, at)};
            } else {
                w = new int[words];
                for (int i = 0; i < words; i++) {
                    w[i] = LittleEndian.i32(b, at + 4 * i);
                }
            }
            return ValueModel.liftFlags(flags, w);
        }

        @Override
        void encode(byte[] b, int at, Object v) {
            int[] w = lowerWords(v);
            int size = (int) rawSize();
            if (size == 1) {
                LittleEndian.put8(b, at, w[0]);
            } else if (size == 2) {
                LittleEndian.put16(b, at, w[0]);
            } else {
                for (int i = 0; i < words; i++) {
                    LittleEndian.put32(b, at + 4 * i, w[i]);
                }
            }
        }
    }
}
