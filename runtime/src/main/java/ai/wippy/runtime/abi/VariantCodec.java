package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * variant, enum, option and result (the spec despecializes the last three into variants): a
 * discriminant of 1, 2 or 4 bytes, the payload at a precomputed offset; flat, the discriminant then
 * the payload slots joined over the cases. Each case keeps which of its slots sit in an i64 joined
 * slot as an i32 or f32 (lowering zero-extends them; lifting reads the low 32 bits, which is what
 * the spec's wrap does, so lifting needs no per-case work).
 */
final class VariantCodec extends Codec {

    private enum Kind { VARIANT, ENUM, OPTION, RESULT }

    private final Kind kind;
    private final Codec[] cases; // null: no payload
    private final int discriminantSize;
    private final long payloadOffset;
    private final boolean pure;
    private final String[] caseNames;          // VARIANT, ENUM
    private final Map<String, Integer> byName; // VARIANT, ENUM
    private final boolean nestedOption;        // OPTION of an option
    private volatile Flat flatLayout;

    /** The joined payload slots and, per case, the slots to zero-extend and its own slot count. */
    private record Flat(CoreType[] joined, int[][] widen, int[] caseSlots) {
    }

    VariantCodec(WitType t, List<Codec> caseCodecs) {
        this(t, caseCodecs.toArray(new Codec[0]), discriminantSize(caseCodecs.size()));
    }

    private VariantCodec(WitType t, Codec[] cases, int discriminantSize) {
        super(t, Math.max(discriminantSize, maxCaseAlignment(cases)), size(cases, discriminantSize), firstTooLarge(cases));
        this.cases = cases;
        this.discriminantSize = discriminantSize;
        this.payloadOffset = alignTo(discriminantSize, maxCaseAlignment(cases));
        boolean p = true;
        for (Codec c : cases) {
            p &= c == null || c.pure();
        }
        this.pure = p;
        if (t instanceof WitType.VariantType v) {
            kind = Kind.VARIANT;
            caseNames = v.cases().stream().map(WitType.Case::name).toArray(String[]::new);
        } else if (t instanceof WitType.EnumType e) {
            kind = Kind.ENUM;
            caseNames = e.cases().toArray(new String[0]);
        } else if (t instanceof WitType.OptionType) {
            kind = Kind.OPTION;
            caseNames = null;
        } else {
            kind = Kind.RESULT;
            caseNames = null;
        }
        if (caseNames != null) {
            byName = new HashMap<>();
            for (int i = 0; i < caseNames.length; i++) {
                byName.put(caseNames[i], i);
            }
        } else {
            byName = null;
        }
        nestedOption = t instanceof WitType.OptionType o && o.type() instanceof WitType.OptionType;
    }

    /** u8 up to 256 cases, u16 up to 65536, else u32. */
    private static int discriminantSize(int cases) {
        if (cases <= 1 << 8) {
            return 1;
        }
        if (cases <= 1 << 16) {
            return 2;
        }
        return 4;
    }

    private static int maxCaseAlignment(Codec[] cases) {
        int a = 1;
        for (Codec c : cases) {
            if (c != null) {
                a = Math.max(a, c.alignment());
            }
        }
        return a;
    }

    private static long size(Codec[] cases, int discriminantSize) {
        int alignment = Math.max(discriminantSize, maxCaseAlignment(cases));
        long payload = 0;
        for (Codec c : cases) {
            if (c != null) {
                payload = Math.max(payload, c.rawSize());
            }
        }
        return alignTo(alignTo(discriminantSize, maxCaseAlignment(cases)) + payload, alignment);
    }

    private static WitType firstTooLarge(Codec[] cases) {
        for (Codec c : cases) {
            if (c != null && c.tooLarge() != null) {
                return c.tooLarge();
            }
        }
        return null;
    }

    private Flat flatLayout() {
        Flat f = flatLayout;
        if (f == null) {
            List<CoreType> joined = new ArrayList<>();
            for (Codec c : cases) {
                if (c == null) {
                    continue;
                }
                CoreType[] own = c.flat();
                for (int i = 0; i < own.length; i++) {
                    if (i < joined.size()) {
                        joined.set(i, CoreType.join(joined.get(i), own[i]));
                    } else {
                        joined.add(own[i]);
                    }
                }
            }
            int[][] widen = new int[cases.length][];
            int[] caseSlots = new int[cases.length];
            for (int k = 0; k < cases.length; k++) {
                if (cases[k] == null) {
                    widen[k] = new int[0];
                    continue;
                }
                CoreType[] own = cases[k].flat();
                caseSlots[k] = own.length;
                List<Integer> w = new ArrayList<>();
                for (int i = 0; i < own.length; i++) {
                    if (joined.get(i) == CoreType.I64 && (own[i] == CoreType.I32 || own[i] == CoreType.F32)) {
                        w.add(i);
                    }
                }
                widen[k] = w.stream().mapToInt(Integer::intValue).toArray();
            }
            f = new Flat(joined.toArray(new CoreType[0]), widen, caseSlots);
            flatLayout = f;
        }
        return f;
    }

    @Override
    void flattenInto(List<CoreType> out) {
        out.add(CoreType.I32);
        out.addAll(List.of(flatLayout().joined()));
    }

    // ---- values ---------------------------------------------------------------------------------

    private CanonicalAbiException invalid(long index) {
        return new CanonicalAbiException("invalid discriminant " + index + " for " + type + " (" + cases.length + " cases)");
    }

    /**
     * The case index and payload of a host value (the value model of {@link WitType}), checked: a
     * variant is a WitVariant naming a case (with no payload for a case without one), an enum one of
     * its case names, an option null or the value (WitVariant none/some inside an option), a result
     * a WitResult (with no payload for a side without a type).
     */
    private ValueModel.CaseValue caseOf(Object v) {
        switch (kind) {
            case VARIANT: {
                if (!(v instanceof WitVariant wv)) {
                    throw ValueModel.mismatch(v, type, "a variant is a WitVariant");
                }
                Integer i = byName.get(wv.caseName());
                if (i == null) {
                    throw ValueModel.mismatch(v, type, "no case \"" + wv.caseName() + "\"");
                }
                if (cases[i] == null && wv.value() != null) {
                    throw ValueModel.mismatch(v, type, "case \"" + caseNames[i] + "\" has no payload");
                }
                return new ValueModel.CaseValue(i, wv.value());
            }
            case ENUM: {
                Integer i = v instanceof String s ? byName.get(s) : null;
                if (i == null) {
                    throw ValueModel.mismatch(v, type, "an enum is one of its case names");
                }
                return new ValueModel.CaseValue(i, null);
            }
            case OPTION: {
                if (v == null) {
                    return new ValueModel.CaseValue(0, null);
                }
                if (!nestedOption) {
                    return new ValueModel.CaseValue(1, v);
                }
                // a nested option is explicit; convert it to the inner option's own representation
                if (v instanceof WitVariant wv && wv.caseName().equals("none") && wv.value() == null) {
                    return new ValueModel.CaseValue(1, null);
                }
                if (v instanceof WitVariant wv && wv.caseName().equals("some") && wv.value() != null) {
                    return new ValueModel.CaseValue(1, wv.value());
                }
                throw ValueModel.mismatch(v, type,
                        "an option nested in an option is WitVariant(\"none\", null) or WitVariant(\"some\", value)");
            }
            default: {
                if (!(v instanceof WitResult r)) {
                    throw ValueModel.mismatch(v, type, "a result is a WitResult");
                }
                int i = r.isOk() ? 0 : 1;
                if (cases[i] == null && r.value() != null) {
                    throw ValueModel.mismatch(v, type, (r.isOk() ? "ok" : "error") + " has no payload");
                }
                return new ValueModel.CaseValue(i, r.value());
            }
        }
    }

    /** The host value of a lifted case. */
    private Object value(int index, Object payload) {
        switch (kind) {
            case VARIANT:
                return new WitVariant(caseNames[index], payload);
            case ENUM:
                return caseNames[index];
            case OPTION:
                if (index == 0) {
                    return null;
                }
                if (nestedOption) {
                    return payload == null ? new WitVariant("none", null) : new WitVariant("some", payload);
                }
                return payload;
            default:
                return new WitResult(index == 0, payload);
        }
    }

    // ---- memory -----------------------------------------------------------------------------------

    @Override
    Object load(AbiContext cx, long ptr) {
        long index = switch (discriminantSize) {
            case 1 -> cx.u8(ptr);
            case 2 -> cx.u16(ptr);
            default -> AbiContext.unsigned(cx.i32(ptr));
        };
        if (index >= cases.length) {
            throw invalid(index);
        }
        Codec c = cases[(int) index];
        return value((int) index, c == null ? null : c.load(cx, ptr + payloadOffset));
    }

    @Override
    void store(AbiContext cx, long ptr, Object v) {
        ValueModel.CaseValue c = caseOf(v);
        switch (discriminantSize) {
            case 1 -> cx.put8(ptr, c.index());
            case 2 -> cx.put16(ptr, c.index());
            default -> cx.put32(ptr, c.index());
        }
        Codec payload = cases[c.index()];
        if (payload != null) {
            payload.store(cx, ptr + payloadOffset, c.payload());
        }
    }

    // ---- flat -------------------------------------------------------------------------------------

    @Override
    Object lift(AbiContext cx, long[] in, int at) {
        long index = AbiContext.unsigned(in[at]);
        if (index >= cases.length) {
            throw invalid(index);
        }
        Codec c = cases[(int) index];
        return value((int) index, c == null ? null : c.lift(cx, in, at + 1));
    }

    @Override
    void lower(AbiContext cx, Object v, long[] out, int at) {
        ValueModel.CaseValue c = caseOf(v);
        Flat f = flatLayout();
        out[at] = c.index();
        Codec payload = cases[c.index()];
        int filled = 0;
        if (payload != null) {
            payload.lower(cx, c.payload(), out, at + 1);
            for (int i : f.widen()[c.index()]) {
                out[at + 1 + i] &= 0xffffffffL; // a 32-bit value in an i64 slot is zero-extended
            }
            filled = f.caseSlots()[c.index()];
        }
        for (int i = filled; i < f.joined().length; i++) {
            out[at + 1 + i] = 0;
        }
    }

    // ---- bulk -------------------------------------------------------------------------------------

    @Override
    boolean pure() {
        return pure;
    }

    @Override
    boolean dense() {
        for (Codec c : cases) {
            if (c != null) {
                return false;
            }
        }
        return rawSize() == discriminantSize;
    }

    @Override
    Object decode(byte[] b, int at) {
        long index = switch (discriminantSize) {
            case 1 -> LittleEndian.u8(b, at);
            case 2 -> LittleEndian.u16(b, at);
            default -> AbiContext.unsigned(LittleEndian.i32(b, at));
        };
        if (index >= cases.length) {
            throw invalid(index);
        }
        Codec c = cases[(int) index];
        return value((int) index, c == null ? null : c.decode(b, at + (int) payloadOffset));
    }

    @Override
    void encode(byte[] b, int at, Object v) {
        ValueModel.CaseValue c = caseOf(v);
        switch (discriminantSize) {
            case 1 -> LittleEndian.put8(b, at, c.index());
            case 2 -> LittleEndian.put16(b, at, c.index());
            default -> LittleEndian.put32(b, at, c.index());
        }
        Codec payload = cases[c.index()];
        if (payload != null) {
            payload.encode(b, at + (int) payloadOffset, c.payload());
        }
    }
}
