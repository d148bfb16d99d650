package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's lift_flat and lower_flat: values as core values. Core values are longs in Chicory's
 * raw encoding: i32 as an int sign-extended to long, f32 as its raw int bits (sign-extended), f64
 * as its raw long bits.
 */
final class FlatCodec {

    private FlatCodec() {
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

    static Object lift(AbiContext cx, Reader in, WitType t) {
        if (t instanceof WitType.Bool) {
            return (int) in.next(CoreType.I32) != 0;
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            return ValueModel.liftInteger(t, in.next(CoreType.I64));
        }
        if (ValueModel.isInteger(t)) {
            return ValueModel.liftInteger(t, (int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.F32) {
            return ValueModel.liftF32((int) in.next(CoreType.F32));
        }
        if (t instanceof WitType.F64) {
            return ValueModel.liftF64(in.next(CoreType.F64));
        }
        if (t instanceof WitType.Char) {
            return ValueModel.liftChar((int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return cx.liftHandle(t, (int) in.next(CoreType.I32));
        }
        if (t instanceof WitType.StringType) {
            long ptr = AbiContext.unsigned(in.next(CoreType.I32));
            return StringCodec.load(cx, ptr, AbiContext.unsigned(in.next(CoreType.I32)));
        }
        if (t instanceof WitType.ListType list) {
            long ptr = AbiContext.unsigned(in.next(CoreType.I32));
            return MemoryCodec.loadList(cx, list, ptr, AbiContext.unsigned(in.next(CoreType.I32)));
        }
        if (t instanceof WitType.FlagsType flags) {
            int[] words = new int[Shapes.flagWords(flags)];
            for (int i = 0; i < words.length; i++) {
                words[i] = (int) in.next(CoreType.I32);
            }
            return ValueModel.liftFlags(flags, words);
        }
        if (Shapes.isRecordLike(t)) {
            List<Object> values = new ArrayList<>();
            for (WitType f : Shapes.fieldTypes(t)) {
                values.add(lift(cx, in, f));
            }
            return ValueModel.recordValue(t, values);
        }
        return liftVariant(cx, in, t);
    }

    private static Object liftVariant(AbiContext cx, Reader in, WitType t) {
        List<WitType> cases = Shapes.caseTypes(t);
        long index = AbiContext.unsigned(in.next(CoreType.I32));
        if (index >= cases.size()) {
            throw new CanonicalAbiException("invalid discriminant " + index + " for " + t + " (" + cases.size() + " cases)");
        }
        List<CoreType> slots = Flattening.variantPayload(t);
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
        return ValueModel.variantValue(t, (int) index, payload);
    }

    static void lower(AbiContext cx, WitType t, Object v, List<Long> out) {
        if (t instanceof WitType.Bool) {
            out.add((long) ValueModel.lowerBool(t, v));
        } else if (t instanceof WitType.S64 || t instanceof WitType.U64) {
            out.add(ValueModel.lowerInteger(t, v));
        } else if (ValueModel.isInteger(t)) {
            out.add((long) (int) ValueModel.lowerInteger(t, v));
        } else if (t instanceof WitType.F32) {
            out.add((long) ValueModel.lowerF32(t, v));
        } else if (t instanceof WitType.F64) {
            out.add(ValueModel.lowerF64(t, v));
        } else if (t instanceof WitType.Char) {
            out.add((long) ValueModel.lowerChar(t, v));
        } else if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            out.add((long) cx.lowerHandle(t, v));
        } else if (t instanceof WitType.StringType) {
            if (!(v instanceof String s)) {
                throw ValueModel.mismatch(v, t);
            }
            long[] stored = StringCodec.store(cx, s);
            out.add((long) (int) stored[0]);
            out.add((long) (int) stored[1]);
        } else if (t instanceof WitType.ListType list) {
            long[] stored = MemoryCodec.storeList(cx, list, v);
            out.add((long) (int) stored[0]);
            out.add((long) (int) stored[1]);
        } else if (t instanceof WitType.FlagsType flags) {
            for (int word : ValueModel.lowerFlags(flags, v)) {
                out.add((long) word);
            }
        } else if (Shapes.isRecordLike(t)) {
            List<WitType> fields = Shapes.fieldTypes(t);
            List<Object> values = ValueModel.fieldValues(t, v);
            for (int i = 0; i < fields.size(); i++) {
                lower(cx, fields.get(i), values.get(i), out);
            }
        } else {
            lowerVariant(cx, t, v, out);
        }
    }

    private static void lowerVariant(AbiContext cx, WitType t, Object v, List<Long> out) {
        ValueModel.CaseValue c = ValueModel.caseOf(t, v);
        List<CoreType> slots = Flattening.variantPayload(t);
        out.add((long) c.index());
        WitType caseType = Shapes.caseTypes(t).get(c.index());
        int filled = 0;
        if (caseType != null) {
            List<Long> payload = new ArrayList<>();
            lower(cx, caseType, c.payload(), payload);
            List<CoreType> have = Flattening.flatten(caseType);
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
