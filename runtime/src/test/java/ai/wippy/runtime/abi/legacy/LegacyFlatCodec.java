package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's lift_flat and lower_flat: values as core values. Core values are longs in Chicory's
 * raw encoding: i32 as an int sign-extended to long, f32 as its raw int bits (sign-extended), f64
 * as its raw long bits.
 */
final class LegacyFlatCodec {

    private LegacyFlatCodec() {
    }

    /** Hands out the core values of a lift one by one, each asked for with the type it should have. */
    interface Reader {
        long next(CoreType want);
    }

    /** Reads the core values of an array in order. */
    static final class ArrayReader implements Reader {
        private final long[] values;
        private int index;

        ArrayReader(long[] values) {
            this.values = values;
        }

        @Override
        public long next(CoreType want) {
            if (index >= values.length) {
                throw new CanonicalAbiException("too few core values: expected more than " + values.length);
            }
            return values[index++];
        }
    }

    static Object lift(LegacyAbiContext cx, Reader in, WitType t) {
        if (t instanceof WitType.Bool) {
            return (int) in.next(CoreType.I32) != 0;
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            return LegacyValueModel.liftInteger(t, in.next(CoreType.I64));
        }
        if (LegacyValueModel.isInteger(t)) {
            return LegacyValueModel.liftInteger(t, (int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.F32) {
            return LegacyValueModel.liftF32((int) in.next(CoreType.F32));
        }
        if (t instanceof WitType.F64) {
            return LegacyValueModel.liftF64(in.next(CoreType.F64));
        }
        if (t instanceof WitType.Char) {
            return LegacyValueModel.liftChar((int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return cx.liftHandle(t, (int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.StringType) {
            long ptr = LegacyAbiContext.unsigned(in.next(CoreType.I32));
            return LegacyStringCodec.load(cx, ptr, LegacyAbiContext.unsigned(in.next(CoreType.I32)));
        }
        if (t instanceof WitType.ListType list) {
            long ptr = LegacyAbiContext.unsigned(in.next(CoreType.I32));
            return LegacyMemoryCodec.loadList(cx, list, ptr, LegacyAbiContext.unsigned(in.next(CoreType.I32)));
        }
        if (t instanceof WitType.FlagsType flags) {
            int[] words = new int[LegacyShapes.flagWords(flags)];
            for (int i = 0; i < words.length; i++) {
                words[i] = (int) in.next(CoreType.I32);
            }
            return LegacyValueModel.liftFlags(flags, words);
        }
        if (LegacyShapes.isRecordLike(t)) {
            List<Object> values = new ArrayList<>();
            for (WitType f : LegacyShapes.fieldTypes(t)) {
                values.add(lift(cx, in, f));
            }
            return LegacyValueModel.recordValue(t, values);
        }
        return liftVariant(cx, in, t);
    }

    private static Object liftVariant(LegacyAbiContext cx, Reader in, WitType t) {
        List<WitType> cases = LegacyShapes.caseTypes(t);
        long index = LegacyAbiContext.unsigned(in.next(CoreType.I32));
        if (index >= cases.size()) {
            throw new CanonicalAbiException("invalid discriminant " + index + " for " + t + " (" + cases.size() + " cases)");
        }
        List<CoreType> slots = LegacyFlattening.variantPayload(t);
        int[] used = {0};
        // The case's own flat values sit in the joined slots; an i64 slot holding a 32-bit value
        // is wrapped back to i32 (f32 bits are already carried as i32 bits in the raw encoding).
        Reader coercing = want -> {
            CoreType have = slots.get(used[0]++);
            long raw = in.next(have);
            if (have == CoreType.I64 && (want == CoreType.I32 || want == CoreType.F32)) {
                return (int) raw;
            }
            return raw;
        };
        WitType caseType = cases.get((int) index);
        Object payload = caseType == null ? null : lift(cx, coercing, caseType);
        for (int i = used[0]; i < slots.size(); i++) {
            in.next(slots.get(i));
        }
        return LegacyValueModel.variantValue(t, (int) index, payload);
    }

    static void lower(LegacyAbiContext cx, WitType t, Object v, List<Long> out) {
        if (t instanceof WitType.Bool) {
            out.add((long) LegacyValueModel.lowerBool(t, v));
        } else if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            out.add(LegacyValueModel.lowerInteger(t, v));
        } else if (LegacyValueModel.isInteger(t)) {
            out.add((long) (int) LegacyValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.F32) {
            out.add((long) LegacyValueModel.lowerF32(t, v));
        } else if (t instanceof WitType.F64) {
            out.add(LegacyValueModel.lowerF64(t, v));
        } else if (t instanceof WitType.Char) {
            out.add((long) LegacyValueModel.lowerChar(t, v));
        } else if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            out.add((long) cx.lowerHandle(t, v));
        } else if (t instanceof WitType.StringType) {
            if (!(v instanceof String s)) {
                throw LegacyValueModel.mismatch(v, t);
            }
            long[] stored = LegacyStringCodec.store(cx, s);
            out.add((long) (int) stored[0]);
            out.add((long) (int) stored[1]);
        } else if (t instanceof WitType.ListType list) {
            long[] stored = LegacyMemoryCodec.storeList(cx, list, v);
            out.add((long) (int) stored[0]);
            out.add((long) (int) stored[1]);
        } else if (t instanceof WitType.FlagsType flags) {
            for (int word : LegacyValueModel.lowerFlags(flags, v)) {
                out.add((long) word);
            }
        } else if (LegacyShapes.isRecordLike(t)) {
            List<WitType> fields = LegacyShapes.fieldTypes(t);
            List<Object> values = LegacyValueModel.fieldValues(t, v);
            for (int i = 0; i < fields.size(); i++) {
                lower(cx, fields.get(i), values.get(i), out);
            }
        } else {
            lowerVariant(cx, t, v, out);
        }
    }

    private static void lowerVariant(LegacyAbiContext cx, WitType t, Object v, List<Long> out) {
        LegacyValueModel.CaseValue c = LegacyValueModel.caseOf(t, v);
        List<CoreType> slots = LegacyFlattening.variantPayload(t);
        out.add((long) c.index());
        WitType caseType = LegacyShapes.caseTypes(t).get(c.index());
        int filled = 0;
        if (caseType != null) {
            List<Long> payload = new ArrayList<>();
            lower(cx, caseType, c.payload(), payload);
            List<CoreType> have = LegacyFlattening.flatten(caseType);
            for (int i = 0; i < payload.size(); i++) {
                long raw = payload.get(i);
                // A 32-bit value in an i64 slot is zero-extended, as the spec's unsigned ints are.
                boolean widened = slots.get(i) == CoreType.I64 && (have.get(i) == CoreType.I32 || have.get(i) == CoreType.F32);
                out.add(widened ? raw & 0xffffffffL : raw);
            }
            filled = payload.size();
        }
        for (int i = filled; i < slots.size(); i++) {
            out.add(0L);
        }
    }
}
