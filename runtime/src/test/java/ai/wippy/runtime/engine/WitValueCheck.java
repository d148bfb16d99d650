package ai.wippy.runtime.engine;

import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.WitType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed conversion of the fixtures' JSON values (fixtures/components/README.md) into SPEC §6.1 Java
 * values, and a typed comparison of what a call returned with what was expected. The comparison is
 * strict about the Java classes of the value model ({@link WitType}: s8…s32 Integer, u32/s64 Long,
 * u64 Long or BigInteger above Long.MAX_VALUE, f32 Float, f64 Double, records maps in field order,
 * variants/results one-key maps, flags lists in declaration order, handles {@link ResourceHandle}),
 * compares floats by value with NaN equal to any NaN and -0.0 distinct from 0.0, and names the path of
 * the first difference.
 */
final class WitValueCheck {

    /** A handle named in a fixture ({@code {"handle": "counter1"}}), bound to a real one by the first result that returns it. */
    record HandleRef(String name) {
        @Override
        public String toString() {
            return "{handle: " + name + "}";
        }
    }

    /** The handles one instance group has been given, by the fixture's names. */
    static final class Handles {
        final Map<String, ResourceHandle> byName = new LinkedHashMap<>();

        ResourceHandle get(String name) {
            ResourceHandle h = byName.get(name);
            if (h == null) {
                throw new IllegalStateException("the fixture names handle \"" + name
                        + "\" before any result of this instance returned it");
            }
            return h;
        }
    }

    private WitValueCheck() {
    }

    // ------------------------------------------------------------------ JSON -> §6.1

    /** An expected value: numbers in the model's classes, floats from "NaN"/"Infinity", handles as {@link HandleRef}. */
    static Object expected(WitType t, Object j) {
        return convert(t, j, null);
    }

    /** An argument as a user would pass it: handles looked up, float names as doubles, the rest as the JSON gives it. */
    static Object argument(WitType t, Object j, Handles handles) {
        return convert(t, j, handles);
    }

    @SuppressWarnings("unchecked")
    private static Object convert(WitType t, Object j, Handles handles) {
        boolean arg = handles != null;
        if (j == null && !(t instanceof WitType.OptionType)) {
            return null; // a case or result side without payload
        }
        if (t instanceof WitType.Bool || t instanceof WitType.Char || t instanceof WitType.StringType
                || t instanceof WitType.EnumType) {
            return j;
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16 || t instanceof WitType.U16
                || t instanceof WitType.S32) {
            return arg ? j : ((Number) j).intValue();
        }
        if (t instanceof WitType.U32 || t instanceof WitType.S64) {
            return arg ? j : ((Number) j).longValue();
        }
        if (t instanceof WitType.U64) {
            if (arg) {
                return j;
            }
            BigInteger b = j instanceof BigInteger x ? x : BigInteger.valueOf(((Number) j).longValue());
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (t instanceof WitType.F32 || t instanceof WitType.F64) {
            double d = j instanceof String s ? switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a float: " + s);
            } : ((Number) j).doubleValue();
            if (arg) {
                return j instanceof String ? (Object) d : j;
            }
            if (t instanceof WitType.F32) {
                float f = (float) d;
                if (!Double.isNaN(d) && (double) f != d) {
                    throw new IllegalArgumentException("expected f32 " + d + " is not exactly an f32");
                }
                return f;
            }
            return d;
        }
        if (t instanceof WitType.ListType l) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<Object>) j) {
                out.add(convert(l.element(), e, handles));
            }
            return out;
        }
        if (t instanceof WitType.TupleType tu) {
            List<Object> items = (List<Object>) j;
            if (items.size() != tu.types().size()) {
                throw new IllegalArgumentException("tuple of " + tu.types().size() + " given " + items.size() + " items");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(convert(tu.types().get(i), items.get(i), handles));
            }
            return out;
        }
        if (t instanceof WitType.RecordType r) {
            Map<String, Object> m = (Map<String, Object>) j;
            Map<String, Object> out = new LinkedHashMap<>();
            for (WitType.Field f : r.fields()) {
                if (!m.containsKey(f.name())) {
                    throw new IllegalArgumentException("record value without field " + f.name());
                }
                out.put(f.name(), convert(f.type(), m.get(f.name()), handles));
            }
            if (m.size() != r.fields().size()) {
                throw new IllegalArgumentException("record value with unknown fields: " + m.keySet());
            }
            return out;
        }
        if (t instanceof WitType.VariantType v) {
            if (j instanceof String name) {
                return arg ? name : Collections.singletonMap(name, null); // a bare case name (input only)
            }
            Map.Entry<String, Object> e = oneKey(j);
            WitType payload = caseType(v, e.getKey());
            return Collections.singletonMap(e.getKey(), payload == null ? e.getValue() : convert(payload, e.getValue(), handles));
        }
        if (t instanceof WitType.OptionType o) {
            if (j == null) {
                return null;
            }
            if (o.type() instanceof WitType.OptionType) {
                Map.Entry<String, Object> e = oneKey(j);
                if (e.getKey().equals("none")) {
                    return Collections.singletonMap("none", null);
                }
                if (!e.getKey().equals("some")) {
                    throw new IllegalArgumentException("nested option value " + j);
                }
                return Collections.singletonMap("some", convert(o.type(), e.getValue(), handles));
            }
            return convert(o.type(), j, handles);
        }
        if (t instanceof WitType.ResultType r) {
            Map.Entry<String, Object> e = oneKey(j);
            WitType side = switch (e.getKey()) {
                case "ok" -> r.ok();
                case "err" -> r.err();
                default -> throw new IllegalArgumentException("result value " + j);
            };
            return Collections.singletonMap(e.getKey(), side == null ? e.getValue() : convert(side, e.getValue(), handles));
        }
        if (t instanceof WitType.FlagsType) {
            return new ArrayList<>((List<Object>) j);
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            String name = (String) ((Map<String, Object>) j).get("handle");
            return arg ? handles.get(name) : new HandleRef(name);
        }
        throw new IllegalArgumentException("no conversion for " + t);
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<String, Object> oneKey(Object j) {
        Map<String, Object> m = (Map<String, Object>) j;
        if (m.size() != 1) {
            throw new IllegalArgumentException("expected a one-key object, got " + j);
        }
        return m.entrySet().iterator().next();
    }

    private static WitType caseType(WitType.VariantType v, String name) {
        for (WitType.Case c : v.cases()) {
            if (c.name().equals(name)) {
                return c.type();
            }
        }
        throw new IllegalArgumentException("no case " + name + " in " + v);
    }

    // ------------------------------------------------------------------ comparison

    /**
     * Null when {@code got} is {@code want} (of type {@code t}), else where and how they differ. A
     * {@link HandleRef} in {@code want} is bound to the handle in {@code got} the first time its name
     * is seen (handles bound within one value must differ from each other).
     */
    static String diff(WitType t, Object want, Object got, Handles handles) {
        Map<String, ResourceHandle> bound = new LinkedHashMap<>();
        String d = diff(t, want, got, handles, "", bound);
        if (d == null && handles != null) {
            handles.byName.putAll(bound);
        }
        return d;
    }

    private static String diff(WitType t, Object want, Object got, Handles handles, String path,
            Map<String, ResourceHandle> bound) {
        String at = path.isEmpty() ? "" : " at " + path;
        if (want == null || got == null) {
            return want == got ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.Bool || t instanceof WitType.StringType || t instanceof WitType.EnumType) {
            return sameClass(want, got) && want.equals(got) ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.Char) {
            if (!(got instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                return "not a char" + at + ": " + describe(got);
            }
            return want.equals(got) ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16 || t instanceof WitType.U16
                || t instanceof WitType.S32 || t instanceof WitType.U32 || t instanceof WitType.S64
                || t instanceof WitType.U64) {
            return sameClass(want, got) && want.equals(got) ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.F32) {
            return got instanceof Float g && Float.compare((Float) want, g) == 0 ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.F64) {
            return got instanceof Double g && Double.compare((Double) want, g) == 0 ? null : mismatch(at, want, got);
        }
        if (t instanceof WitType.ListType || t instanceof WitType.TupleType || t instanceof WitType.FlagsType) {
            if (!(got instanceof List<?> g)) {
                return "not a list" + at + ": " + describe(got);
            }
            List<?> w = (List<?>) want;
            if (t instanceof WitType.FlagsType) {
                return w.equals(g) ? null : mismatch(at, want, got);
            }
            if (w.size() != g.size()) {
                return "length " + g.size() + " instead of " + w.size() + at + ": expected " + describe(want) + ", got "
                        + describe(got);
            }
            for (int i = 0; i < w.size(); i++) {
                WitType et = t instanceof WitType.ListType l ? l.element() : ((WitType.TupleType) t).types().get(i);
                String d = diff(et, w.get(i), g.get(i), handles, path + "[" + i + "]", bound);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (t instanceof WitType.RecordType r) {
            if (!(got instanceof Map<?, ?> g)) {
                return "not a record map" + at + ": " + describe(got);
            }
            List<String> names = r.fields().stream().map(WitType.Field::name).toList();
            if (!new ArrayList<>(g.keySet()).equals(names)) {
                return "record fields " + g.keySet() + " instead of " + names + at;
            }
            Map<?, ?> w = (Map<?, ?>) want;
            for (WitType.Field f : r.fields()) {
                String d = diff(f.type(), w.get(f.name()), g.get(f.name()), handles, path + "." + f.name(), bound);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (t instanceof WitType.VariantType || t instanceof WitType.ResultType
                || t instanceof WitType.OptionType o && o.type() instanceof WitType.OptionType) {
            if (!(got instanceof Map<?, ?> g) || g.size() != 1) {
                return "not a one-key map" + at + ": " + describe(got);
            }
            Map.Entry<?, ?> w = ((Map<?, ?>) want).entrySet().iterator().next();
            Map.Entry<?, ?> e = g.entrySet().iterator().next();
            if (!w.getKey().equals(e.getKey())) {
                return "case " + e.getKey() + " instead of " + w.getKey() + at + ": expected " + describe(want)
                        + ", got " + describe(got);
            }
            WitType payload;
            if (t instanceof WitType.VariantType v) {
                payload = caseType(v, (String) w.getKey());
            } else if (t instanceof WitType.ResultType r) {
                payload = w.getKey().equals("ok") ? r.ok() : r.err();
            } else {
                payload = w.getKey().equals("some") ? ((WitType.OptionType) t).type() : null;
            }
            if (payload == null) {
                return e.getValue() == null ? null : "a payload where there is none" + at + ": " + describe(got);
            }
            return diff(payload, w.getValue(), e.getValue(), handles, path + "." + w.getKey(), bound);
        }
        if (t instanceof WitType.OptionType o) {
            return diff(o.type(), want, got, handles, path + "?", bound);
        }
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            if (!(got instanceof ResourceHandle h)) {
                return "not a ResourceHandle" + at + ": " + describe(got);
            }
            if (t instanceof WitType.Own && !h.owned()) {
                return "a borrowed handle where an own was expected" + at + ": " + h;
            }
            if (want instanceof HandleRef ref) {
                ResourceHandle known = handles == null ? null : handles.byName.get(ref.name());
                if (known == null) {
                    known = bound.get(ref.name());
                }
                if (known != null) {
                    return known.equals(h) ? null : "handle " + h + " instead of " + ref.name() + " (" + known + ")" + at;
                }
                for (Map.Entry<String, ResourceHandle> e : bound.entrySet()) {
                    if (e.getValue().equals(h)) {
                        return "handle " + h + at + " (new name " + ref.name() + ") is the same as " + e.getKey()
                                + " in the same value";
                    }
                }
                bound.put(ref.name(), h);
                return null;
            }
            return want.equals(got) ? null : mismatch(at, want, got);
        }
        throw new IllegalArgumentException("no comparison for " + t);
    }

    private static boolean sameClass(Object a, Object b) {
        return a.getClass() == b.getClass();
    }

    private static String mismatch(String at, Object want, Object got) {
        return "expected " + describe(want) + ", got " + describe(got) + at;
    }

    /** A value with the Java classes of its numbers, e.g. {@code 5 (Long)}. */
    static String describe(Object v) {
        String s = TestJson.write(v);
        if (s.length() > 300) {
            s = s.substring(0, 300) + "…(" + s.length() + " chars)";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return s + " (" + v.getClass().getSimpleName() + ")";
        }
        return s;
    }
}
