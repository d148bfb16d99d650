package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code list<T, N>} (fixed length): the N elements inline, as a tuple of N {@code T}s would be
 * (CanonicalABI.md {@code alignment_list}, {@code elem_size_list}, {@code flatten_list},
 * {@code load_list}/{@code store_list}, {@code lift_flat_list}/{@code lower_flat_list} with a
 * length): alignment that of T, size {@code N * size(T)}, flattened as N copies of T's flat types,
 * lifted and lowered element by element in place (no pointer, no length, no realloc). The value is a
 * List, as for {@code list<T>} (a {@code list<u8, N>}/{@code list<s8, N>} is lifted as a byte list
 * and may be lowered from a byte[]); lowering a value of another length is refused, naming N.
 *
 * <p>Flat types: past {@code MAX_FLAT_PARAMS} values the exact count no longer matters (a function
 * or value that big always goes through memory, and so does anything holding it), so copies are
 * listed only until there are more than that; this keeps a {@code list<u8, 100000000>} (or lists
 * nested in lists) from making a flat list of that size.
 */
final class FixedListCodec extends Codec {

    private final Codec element;
    private final int length;
    private final boolean bytes;

    FixedListCodec(WitType.FixedListType t, Codec element) {
        super(t, element.alignment(), (long) t.length() * element.rawSize(), element.tooLarge());
        this.element = element;
        this.length = t.length();
        this.bytes = ScalarCodecs.isByte(element);
    }

    private boolean unsignedBytes() {
        return element.type instanceof WitType.U8;
    }

    @Override
    void flattenInto(List<CoreType> out) {
        CoreType[] f = element.flat();
        if (f.length == 0) {
            return;
        }
        // stop once more than MAX_FLAT_PARAMS values are listed: a nested list<list<u8, 1000>, 1000>
        // then lists a few dozen values, not a million (nor 17 × 17 of them)
        int added = 0;
        for (int i = 0; i < length && added <= CanonicalAbi.MAX_FLAT_PARAMS; i++) {
            out.addAll(Arrays.asList(f));
            added += f.length;
        }
    }

    /** The elements of a host value, its length checked first (nothing is stored before). */
    private List<?> elements(Object v) {
        if (v instanceof byte[] b && bytes) {
            if (b.length != length) {
                throw wrongLength(v, b.length);
            }
            return new ByteList(b, unsignedBytes());
        }
        if (!(v instanceof List<?> list)) {
            throw ValueModel.mismatch(v, type, "a fixed-length list is a List of exactly " + length + " elements");
        }
        if (list.size() != length) {
            throw wrongLength(v, list.size());
        }
        return indexed(list);
    }

    private CanonicalAbiException wrongLength(Object v, int given) {
        return ValueModel.mismatch(v, type, "a " + type + " has exactly " + length + " elements, not " + given);
    }

    private Object value(Object[] values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    Object load(AbiContext cx, long ptr) {
        if (bytes) {
            return new ByteList(cx.bytes(ptr, length), unsignedBytes());
        }
        int es = element.size();
        Object[] values = new Object[length];
        if (element.pure() && es > 0) {
            element.decodeAll(cx.bytes(ptr, length * es), values);
        } else {
            for (int i = 0; i < length; i++) {
                values[i] = element.load(cx, ptr + (long) i * es);
            }
        }
        return value(values);
    }

    @Override
    void store(AbiContext cx, long ptr, Object v) {
        List<?> elements = elements(v);
        if (elements instanceof ByteList b && b.unsigned() == unsignedBytes()) {
            cx.putBytes(ptr, b.bytes(), length);
            return;
        }
        int es = element.size();
        for (int i = 0; i < length; i++) {
            element.store(cx, ptr + (long) i * es, elements.get(i));
        }
    }

    @Override
    Object lift(AbiContext cx, long[] in, int at) {
        int step = element.flatCount();
        if (bytes) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                b[i] = (byte) ((Integer) element.lift(cx, in, at + i)).intValue();
            }
            return new ByteList(b, unsignedBytes());
        }
        Object[] values = new Object[length];
        for (int i = 0; i < length; i++) {
            values[i] = element.lift(cx, in, at + i * step);
        }
        return value(values);
    }

    @Override
    void lower(AbiContext cx, Object v, long[] out, int at) {
        List<?> elements = elements(v);
        int step = element.flatCount();
        for (int i = 0; i < length; i++) {
            element.lower(cx, elements.get(i), out, at + i * step);
        }
    }

    @Override
    boolean pure() {
        return element.pure();
    }

    @Override
    boolean dense() {
        return element.dense();
    }

    @Override
    Object decode(byte[] b, int at) {
        if (bytes) {
            return new ByteList(Arrays.copyOfRange(b, at, at + length), unsignedBytes());
        }
        int es = element.size();
        Object[] values = new Object[length];
        for (int i = 0; i < length; i++) {
            values[i] = element.decode(b, at + i * es);
        }
        return value(values);
    }

    @Override
    void encode(byte[] b, int at, Object v) {
        List<?> elements = elements(v);
        int es = element.size();
        for (int i = 0; i < length; i++) {
            element.encode(b, at + i * es, elements.get(i));
        }
    }
}
