package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The canonical ABI of one WIT type (and string encoding), compiled once: its size and alignment
 * ({@code alignment}, {@code elem_size}), its flat core types ({@code flatten_type}), and how its
 * values are loaded, stored, lifted and lowered ({@code load}, {@code store}, {@code lift_flat},
 * {@code lower_flat}) with every offset, discriminant width and join coercion worked out when the
 * codec is built instead of on every call.
 *
 * <p>{@code load} and {@code store} work inside a range the caller has checked (see
 * {@link AbiContext}); {@code lift} and {@code lower} read and write {@code flatCount()} core
 * values of an array from a given index.
 *
 * <p>Sizes and flat types are computed lazily where a type may never need them (an element of a
 * list is never flattened; a type too large for a 32-bit memory fails only when its size is
 * needed, with the message of the type the spec's size computation stops at), so building a codec
 * costs time linear in the number of distinct type nodes.
 */
abstract class Codec {

    final WitType type;
    private final int alignment;
    private final long size;
    private final WitType tooLarge;
    private volatile CoreType[] flat;

    Codec(WitType type, int alignment, long size, WitType tooLarge) {
        this.type = type;
        this.alignment = alignment;
        this.size = size;
        this.tooLarge = tooLarge != null ? tooLarge : size > Integer.MAX_VALUE ? type : null;
    }

    final int alignment() {
        return alignment;
    }

    /** The byte size in linear memory; refused for a type that cannot live in a 32-bit memory. */
    final int size() {
        if (tooLarge != null) {
            throw new CanonicalAbiException("type too large for linear memory: " + tooLarge);
        }
        return (int) size;
    }

    /** The size without the check (for containers adding up their parts). */
    final long rawSize() {
        return size;
    }

    /** The first type (in the order sizes are computed) whose size exceeds a 32-bit memory, or null. */
    final WitType tooLarge() {
        return tooLarge;
    }

    final CoreType[] flat() {
        CoreType[] f = flat;
        if (f == null) {
            List<CoreType> out = new ArrayList<>();
            flattenInto(out);
            f = out.toArray(new CoreType[0]);
            flat = f;
        }
        return f;
    }

    final int flatCount() {
        return flat().length;
    }

    abstract void flattenInto(List<CoreType> out);

    /** The value at {@code ptr}, inside a checked range. */
    abstract Object load(AbiContext cx, long ptr);

    /** Stores {@code v} at {@code ptr}, inside a checked range. */
    abstract void store(AbiContext cx, long ptr, Object v);

    /** The value of the {@link #flatCount()} core values {@code in[at, ...)}. */
    abstract Object lift(AbiContext cx, long[] in, int at);

    /** Writes the {@link #flatCount()} core values of {@code v} to {@code out[at, ...)}. */
    abstract void lower(AbiContext cx, Object v, long[] out, int at);

    // ---- bulk paths ------------------------------------------------------------------------

    /**
     * Whether values are plain bytes: no pointer, no handle, so {@link #decode} and {@link #encode}
     * can work on a copy of a memory range without the context (lists of them move in one copy).
     */
    boolean pure() {
        return false;
    }

    /** Whether {@link #encode} writes every byte of {@link #size()} (no padding, no unused payload). */
    boolean dense() {
        return false;
    }

    /** A pure value from {@code b[at, at + size)}. */
    Object decode(byte[] b, int at) {
        throw new UnsupportedOperationException(type.toString());
    }

    /** Encodes a pure value into {@code b[at, at + size)}, writing the bytes {@link #store} writes. */
    void encode(byte[] b, int at, Object v) {
        throw new UnsupportedOperationException(type.toString());
    }

    /** Decodes {@code out.length} consecutive elements of a pure type. */
    void decodeAll(byte[] b, Object[] out) {
        int es = (int) size;
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(b, i * es);
        }
    }

    /**
     * Encodes {@code count} elements of a pure type, {@code elements[from, from + count)}, one after
     * the other into {@code b} from its start; returns how many were encoded before the first that
     * fails (its exception is not thrown: the caller replays that element with {@link #store}, which
     * fails the same way after writing what the spec's store writes), or {@code count}.
     */
    int encodeAll(List<?> elements, int from, int count, byte[] b) {
        int es = (int) size;
        for (int i = 0; i < count; i++) {
            try {
                encode(b, i * es, elements.get(from + i));
            } catch (RuntimeException e) {
                return i;
            }
        }
        return count;
    }

    /** Indexed access: a list that is not RandomAccess is copied once. */
    static List<?> indexed(List<?> list) {
        return list instanceof RandomAccess ? list : java.util.Arrays.asList(list.toArray());
    }

    // ---- building ------------------------------------------------------------------------------

    /** The codec of {@code t} (sub-trees shared by identity within one build). */
    static Codec of(WitType t, StringEncoding encoding) {
        return new Builder(encoding).codec(t);
    }

    /** Builds codecs for one string encoding; a type node reached twice (a DAG) gets one codec. */
    static final class Builder {
        private final StringEncoding encoding;
        private final Map<WitType, Codec> built = new IdentityHashMap<>();

        Builder(StringEncoding encoding) {
            this.encoding = encoding == null ? StringEncoding.UTF8 : encoding;
        }

        Codec codec(WitType t) {
            Codec c = built.get(t);
            if (c == null) {
                c = build(t);
                built.put(t, c);
            }
            return c;
        }

        private Codec build(WitType t) {
            if (t instanceof WitType.Bool) {
                return ScalarCodecs.BOOL;
            }
            if (ValueModel.isInteger(t)) {
                return ScalarCodecs.integer(t);
            }
            if (t instanceof WitType.F32) {
                return ScalarCodecs.F32;
            }
            if (t instanceof WitType.F64) {
                return ScalarCodecs.F64;
            }
            if (t instanceof WitType.Char) {
                return ScalarCodecs.CHAR;
            }
            if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
                return new ScalarCodecs.HandleCodec(t);
            }
            if (t instanceof WitType.StringType) {
                return StringCodec.of(encoding);
            }
            if (t instanceof WitType.ListType l) {
                return new ListCodec(l, codec(l.element()));
            }
            if (t instanceof WitType.FlagsType f) {
                return new ScalarCodecs.FlagsCodec(f);
            }
            if (t instanceof WitType.RecordType r) {
                List<Codec> fields = new ArrayList<>(r.fields().size());
                r.fields().forEach(f -> fields.add(codec(f.type())));
                return new RecordCodec(t, fields);
            }
            if (t instanceof WitType.TupleType tu) {
                List<Codec> fields = new ArrayList<>(tu.types().size());
                tu.types().forEach(f -> fields.add(codec(f)));
                return new RecordCodec(t, fields);
            }
            if (t instanceof WitType.FixedListType f) {
                return new FixedListCodec(f, codec(f.element()));
            }
            if (t instanceof WitType.MapType m) {
                // despecialized: list<tuple<K, V>>
                WitType.TupleType pair = new WitType.TupleType(List.of(m.key(), m.value()));
                return new ListCodec(m, new RecordCodec(pair, List.of(codec(m.key()), codec(m.value()))));
            }
            List<WitType> caseTypes = Shapes.caseTypes(t);
            List<Codec> cases = new ArrayList<>(caseTypes.size());
            for (WitType c : caseTypes) {
                cases.add(c == null ? null : codec(c));
            }
            return new VariantCodec(t, cases);
        }
    }

    static long alignTo(long ptr, int alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }
}
