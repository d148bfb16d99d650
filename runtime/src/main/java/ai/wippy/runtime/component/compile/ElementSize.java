package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.wit.WitType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation rule that every defined value type has {@code elem_size(t, 'i64') < 2^28}
 * (Binary.md; CanonicalABI.md "Element Size"): with 64-bit pointers, so a type valid here is valid
 * for every memory. Sizes are computed as the spec's {@code elem_size}/{@code alignment} on the
 * despecialized type, remembered per type object: every compound type is defined (and so checked)
 * before a type can use it, so each size is computed once from its parts' and the arithmetic cannot
 * overflow (parts are below 2^28, counts below 2^32).
 */
final class ElementSize {

    /** {@code MAX_LIST_BYTE_LENGTH + 1}: sizes must stay below this. */
    static final long LIMIT = 1L << 28;
    private static final int POINTER = 8;

    /** {size, alignment} of the compound types seen. */
    private final Map<WitType, long[]> known = new IdentityHashMap<>();

    /** Null when {@code t} (of effective type size {@code typeSize}) is small enough, else what is wrong. */
    String check(WitType t, int typeSize) {
        long size = size(t);
        return size < LIMIT ? null
                : "type " + describe(t, typeSize) + " exceeds maximum byte size: its elements take " + size
                        + " bytes (with 64-bit pointers), the limit is 2^28 - 1";
    }

    long size(WitType t) {
        return layout(t)[0];
    }

    private long alignment(WitType t) {
        return layout(t)[1];
    }

    private long[] layout(WitType t) {
        long[] scalar = scalar(t);
        if (scalar != null) {
            return scalar;
        }
        long[] l = known.get(t);
        if (l == null) {
            l = compound(t);
            known.put(t, l);
        }
        return l;
    }

    private static long[] scalar(WitType t) {
        if (t instanceof WitType.Bool || t instanceof WitType.S8 || t instanceof WitType.U8) {
            return new long[] {1, 1};
        }
        if (t instanceof WitType.S16 || t instanceof WitType.U16) {
            return new long[] {2, 2};
        }
        if (t instanceof WitType.S32 || t instanceof WitType.U32 || t instanceof WitType.F32 || t instanceof WitType.Char
                || t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return new long[] {4, 4};
        }
        if (t instanceof WitType.S64 || t instanceof WitType.U64 || t instanceof WitType.F64) {
            return new long[] {8, 8};
        }
        if (t instanceof WitType.StringType || t instanceof WitType.ListType || t instanceof WitType.MapType) {
            return new long[] {2 * POINTER, POINTER};
        }
        if (t instanceof WitType.FlagsType f) {
            int n = f.labels().size();
            long s = n <= 8 ? 1 : n <= 16 ? 2 : 4;
            return new long[] {s, s};
        }
        return null;
    }

    private long[] compound(WitType t) {
        if (t instanceof WitType.FixedListType f) {
            return new long[] {f.length() * size(f.element()), alignment(f.element())};
        }
        if (t instanceof WitType.RecordType r) {
            return record(r.fields().stream().map(WitType.Field::type).toList());
        }
        if (t instanceof WitType.TupleType tu) {
            return record(tu.types());
        }
        if (t instanceof WitType.VariantType v) {
            return variant(v.cases().stream().map(WitType.Case::type).toList());
        }
        if (t instanceof WitType.EnumType e) {
            return variant(java.util.Collections.nCopies(e.cases().size(), null));
        }
        if (t instanceof WitType.OptionType o) {
            return variant(java.util.Arrays.asList(null, o.type()));
        }
        if (t instanceof WitType.ResultType r) {
            return variant(java.util.Arrays.asList(r.ok(), r.err()));
        }
        throw new IllegalArgumentException("no element size for " + t);
    }

    private long[] record(List<WitType> fields) {
        long s = 0;
        long a = 1;
        for (WitType f : fields) {
            long fa = alignment(f);
            s = alignTo(s, fa) + size(f);
            a = Math.max(a, fa);
        }
        return new long[] {alignTo(s, a), a};
    }

    private long[] variant(List<WitType> cases) {
        int n = cases.size();
        long disc = n <= 1 << 8 ? 1 : n <= 1 << 16 ? 2 : 4;
        long caseAlign = 1;
        long caseSize = 0;
        for (WitType c : cases) {
            if (c != null) {
                caseAlign = Math.max(caseAlign, alignment(c));
                caseSize = Math.max(caseSize, size(c));
            }
        }
        long a = Math.max(disc, caseAlign);
        return new long[] {alignTo(alignTo(disc, caseAlign) + caseSize, a), a};
    }

    private static long alignTo(long n, long alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }

    /** The type's text when it is short, else its kind: a type's text can be long (a thousand fields). */
    private static String describe(WitType t, int typeSize) {
        String text = typeSize <= 64 ? t.toString() : null;
        if (text != null && text.length() <= 120) {
            return text;
        }
        String kind = t.getClass().getSimpleName().replace("Type", "").toLowerCase(java.util.Locale.ROOT);
        return "(a " + kind + " of " + typeSize + " type nodes)";
    }
}
