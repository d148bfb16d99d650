package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record or tuple: fields at precomputed offsets (each aligned to its own alignment, the whole
 * rounded to the largest), flat types concatenated with each field's first slot precomputed.
 * Records are Maps by field name (lifted as a LinkedHashMap in field order), tuples Lists.
 */
final class RecordCodec extends Codec {

    private final Codec[] fields;
    private final String[] names; // null for a tuple
    private final long[] offsets;
    private final boolean pure;
    private final boolean dense;
    private volatile int[] slots;

    RecordCodec(WitType t, List<Codec> fieldCodecs) {
        this(t, fieldCodecs.toArray(new Codec[0]), layout(fieldCodecs));
    }

    private RecordCodec(WitType t, Codec[] fields, long[] layout) {
        super(t, (int) layout[fields.length], layout[fields.length + 1], firstTooLarge(fields));
        this.fields = fields;
        this.offsets = Arrays.copyOf(layout, fields.length);
        if (t instanceof WitType.RecordType r) {
            this.names = r.fields().stream().map(WitType.Field::name).toArray(String[]::new);
        } else {
            this.names = null;
        }
        boolean p = true;
        boolean d = true;
        long sum = 0;
        for (Codec f : fields) {
            p &= f.pure();
            d &= f.dense();
            sum += f.rawSize();
        }
        this.pure = p;
        this.dense = d && sum == rawSize();
    }

    /** Field offsets, then the alignment, then the size (the spec's alignment and elem_size of a record). */
    private static long[] layout(List<Codec> fields) {
        long[] out = new long[fields.size() + 2];
        int alignment = 1;
        long s = 0;
        for (int i = 0; i < fields.size(); i++) {
            Codec f = fields.get(i);
            s = alignTo(s, f.alignment());
            out[i] = s;
            s += f.rawSize();
            alignment = Math.max(alignment, f.alignment());
        }
        out[fields.size()] = alignment;
        out[fields.size() + 1] = alignTo(s, alignment);
        return out;
    }

    private static WitType firstTooLarge(Codec[] fields) {
        for (Codec f : fields) {
            if (f.tooLarge() != null) {
                return f.tooLarge();
            }
        }
        return null;
    }

    int fieldCount() {
        return fields.length;
    }

    Codec field(int i) {
        return fields[i];
    }

    /** The first flat slot of each field. */
    private int[] slots() {
        int[] s = slots;
        if (s == null) {
            s = new int[fields.length];
            int at = 0;
            for (int i = 0; i < fields.length; i++) {
                s[i] = at;
                at += fields[i].flatCount();
            }
            slots = s;
        }
        return s;
    }

    @Override
    void flattenInto(List<CoreType> out) {
        for (Codec f : fields) {
            out.addAll(Arrays.asList(f.flat()));
        }
    }

    /**
     * The field values of a host value, all checked present before anything is lowered: a tuple is a
     * List of as many values, a record a Map by field name (other keys are ignored).
     */
    Object[] values(Object v) {
        Object[] values = new Object[fields.length];
        if (names == null) {
            if (v instanceof List<?> list && list.size() == fields.length) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                return values;
            }
            throw ValueModel.mismatch(v, type, "a tuple is a List of " + fields.length + " values");
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw ValueModel.mismatch(v, type, "a record is a Map by field name");
        }
        for (int i = 0; i < values.length; i++) {
            if (!map.containsKey(names[i])) {
                throw ValueModel.mismatch(v, type, "missing field \"" + names[i] + "\"");
            }
            values[i] = map.get(names[i]);
        }
        return values;
    }

    /** The host value of lifted field values: an unmodifiable List, or a LinkedHashMap in field order. */
    Object value(Object[] values) {
        if (names == null) {
            return Collections.unmodifiableList(Arrays.asList(values));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    @Override
    Object load(AbiContext cx, long ptr) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].load(cx, ptr + offsets[i]);
        }
        return value(values);
    }

    @Override
    void store(AbiContext cx, long ptr, Object v) {
        Object[] values = values(v);
        for (int i = 0; i < values.length; i++) {
            fields[i].store(cx, ptr + offsets[i], values[i]);
        }
    }

    /** Stores values already taken apart (the arguments or results of a call). */
    void storeValues(AbiContext cx, long ptr, List<Object> values) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, ptr + offsets[i], values.get(i));
        }
    }

    @Override
    Object lift(AbiContext cx, long[] in, int at) {
        int[] s = slots();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].lift(cx, in, at + s[i]);
        }
        return value(values);
    }

    @Override
    void lower(AbiContext cx, Object v, long[] out, int at) {
        Object[] values = values(v);
        int[] s = slots();
        for (int i = 0; i < values.length; i++) {
            fields[i].lower(cx, values[i], out, at + s[i]);
        }
    }

    @Override
    boolean pure() {
        return pure;
    }

    @Override
    boolean dense() {
        return dense;
    }

    @Override
    Object decode(byte[] b, int at) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].decode(b, at + (int) offsets[i]);
        }
        return value(values);
    }

    @Override
    void encode(byte[] b, int at, Object v) {
        Object[] values = values(v);
        for (int i = 0; i < values.length; i++) {
            fields[i].encode(b, at + (int) offsets[i], values[i]);
        }
    }
}
