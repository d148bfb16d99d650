package ai.wippy.runtime.wit;

import ai.wippy.runtime.WippyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts the positional Java values given to a process into the Java value model of the
 * parameter types (see {@link WitType}), per SPEC §6 "Arguments".
 *
 * <ul>
 *   <li>Integers (Integer, Long, BigInteger, Short, Byte, and Double/Float holding an exact
 *       integer) fit integer parameters when in range, and float parameters when exactly
 *       representable. Float/Double fit float parameters (a Double given for an f32 is rounded to
 *       the nearest float; finite values beyond the float range are refused).</li>
 *   <li>Strings fit only string, char and enum parameters, except command-line arguments (all
 *       strings), which are parsed into scalar parameter types when the whole text parses:
 *       integers in decimal ({@code "6"}, {@code "-3"}), {@code "true"}/{@code "false"}, floats
 *       ({@code "1.5"}, {@code "1e3"}, {@code "nan"}, {@code "inf"}).</li>
 *   <li>Records from a Map by field name (every field required, no other keys), lists from a
 *       List (or a byte[] for {@code list<u8>}, kept as is), fixed-length lists {@code list<T, N>}
 *       from a List of exactly N elements (or a byte[] of N for {@code list<u8, N>}), maps from a
 *       Map (keys and values coerced, into a {@link WitMap} in the Map's order; a WitMap's repeated
 *       keys are kept), tuples from a List, options from null
 *       or the value, enums from the case name, flags from a Collection of label names, variants
 *       from {@link WitVariant}, results from {@link WitResult}, handles from a non-negative
 *       integer.</li>
 * </ul>
 * Parameter indexes in messages are 0-based, as in Wippy.
 */
public final class ArgumentCoercion {

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private ArgumentCoercion() {
    }

    /** Thrown inside a coercion with the innermost value and type that do not fit. */
    private static final String OUT_OF_RANGE = "out of range";

    /** Turns a host's object into a handle of resource {@code type}, or returns null when it cannot. */
    @FunctionalInterface
    public interface HandleBinder {
        ResourceHandle bind(ResourceType type, Object value);
    }

    /** How values are read: command-line text parsed into the types, and how host objects become handles. */
    private record Ctx(boolean cli, HandleBinder binder) {
        static final Ctx PLAIN = new Ctx(false, null);
        static final Ctx CLI = new Ctx(true, null);
    }

    private static final class Mismatch extends Exception {
        final Object value;
        final WitType type;
        final String detail;
        /** Where in the argument the mismatch is, e.g. {@code [1].x}; empty for the argument itself. */
        String path = "";

        Mismatch(Object value, WitType type, String detail) {
            super(null, null, false, false);
            this.value = value;
            this.type = type;
            this.detail = detail;
        }
    }

    public static List<Object> coerce(List<WitFunction.Param> params, List<?> values, boolean fromCommandLine) {
        if (params.size() != values.size()) {
            throw WippyException.user("parameter count mismatch: expected " + params.size() + ", got " + values.size());
        }
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < params.size(); i++) {
            try {
                out.add(coerce(params.get(i).type(), values.get(i), fromCommandLine ? Ctx.CLI : Ctx.PLAIN));
            } catch (Mismatch m) {
                throw WippyException.user("parameter " + i + (m.path.isEmpty() ? "" : " at " + m.path) + ": "
                        + describe(m));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static String describe(Mismatch m) {
        if (OUT_OF_RANGE.equals(m.detail)) {
            return describe(m.value) + " out of range for " + m.type; // SPEC 6.1's wording
        }
        return "cannot convert " + describe(m.value) + " to " + m.type + (m.detail == null ? "" : " (" + m.detail + ")");
    }

    /**
     * Coerces element {@code index} of a list or tuple, recording where it sits if it does not fit
     * (the path is only written then: a list of 10,000 numbers builds no 10,000 strings).
     */
    private static Object element(int index, WitType t, Object v, Ctx cx) throws Mismatch {
        try {
            return coerce(t, v, cx);
        } catch (Mismatch m) {
            m.path = "[" + index + "]" + m.path;
            throw m;
        }
    }

    /** Coerces a map entry's key or value, recording where it sits ({@code [key]}, then {@code what}) if it does not fit. */
    private static Object part(Object key, String what, WitType t, Object v, Ctx cx) throws Mismatch {
        try {
            return coerce(t, v, cx);
        } catch (Mismatch m) {
            m.path = "[" + key + "]" + what + m.path;
            throw m;
        }
    }

    /** Coerces a record field, a variant case's or a result's payload, recording where it sits if it does not fit. */
    private static Object field(String name, WitType t, Object v, Ctx cx) throws Mismatch {
        try {
            return coerce(t, v, cx);
        } catch (Mismatch m) {
            m.path = "." + name + m.path;
            throw m;
        }
    }

    /**
     * One value (a host function's result, say) in the engine's model of {@code t}.
     *
     * @throws WippyException naming the value, the type and why it does not fit
     */
    public static Object coerceValue(WitType t, Object v) {
        return coerceValue(t, v, null);
    }

    /**
     * As {@link #coerceValue(WitType, Object)}, where a value of an {@code own<R>} that is not a
     * {@link ResourceHandle} is given to {@code binder} to become one (a Java host's own object for a
     * resource it defines).
     */
    public static Object coerceValue(WitType t, Object v, HandleBinder binder) {
        try {
            return coerce(t, v, new Ctx(false, binder));
        } catch (Mismatch m) {
            throw WippyException.user((m.path.isEmpty() ? "" : "at " + m.path + ": ") + describe(m));
        }
    }

    private static Object coerce(WitType t, Object v, Ctx cx) throws Mismatch {
        if (t instanceof WitType.StringType) {
            if (v instanceof String s && isWellFormed(s)) {
                return s;
            }
            throw new Mismatch(v, t, v instanceof String ? "unpaired surrogate" : null);
        }
        if (t instanceof WitType.Char) {
            return coerceChar(t, v);
        }
        if (t instanceof WitType.EnumType e) {
            if (v instanceof String s && e.cases().contains(s)) {
                return s;
            }
            BigInteger index = v instanceof String ? null : exactInteger(v);
            if (index != null && index.signum() >= 0 && index.compareTo(BigInteger.valueOf(e.cases().size())) < 0) {
                return e.cases().get(index.intValue()); // Wippy's numeric form
            }
            throw new Mismatch(v, t, "an enum is one of " + String.join(", ", e.cases()));
        }
        if (t instanceof WitType.OptionType o) {
            return coerceOption(o, v, cx);
        }
        if (v instanceof String text && cx.cli()) {
            return parseCommandLine(t, text);
        }
        if (t instanceof WitType.Bool) {
            if (v instanceof Boolean) {
                return v;
            }
            throw new Mismatch(v, t, null);
        }
        if (isInteger(t)) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return smallIntegerValue(t, ((Number) v).longValue(), v); // the common case: no BigInteger
            }
            BigInteger i = exactInteger(v);
            if (i == null) {
                throw new Mismatch(v, t, null);
            }
            return integerValue(t, i, v);
        }
        if (t instanceof WitType.F32 || t instanceof WitType.F64) {
            return floatValue(t, v);
        }
        if (t instanceof WitType.ListType l) {
            if (v instanceof byte[] && l.element() instanceof WitType.U8) {
                return v;
            }
            if (!(v instanceof List<?> list)) {
                throw new Mismatch(v, t, null);
            }
            List<Object> out = new ArrayList<>(list.size());
            WitType e = l.element();
            boolean s32 = e instanceof WitType.S32;
            boolean s64 = e instanceof WitType.S64;
            for (int i = 0; i < list.size(); i++) {
                Object x = list.get(i);
                // numbers already in the engine's model pass as they are (this method is too large to
                // inline: a list<s32> of 10,000 costs 10,000 calls less)
                out.add((s32 && x instanceof Integer) || (s64 && x instanceof Long) ? x : element(i, e, x, cx));
            }
            return Collections.unmodifiableList(out);
        }
        if (t instanceof WitType.FixedListType l) {
            int given = v instanceof List<?> list ? list.size()
                    : v instanceof byte[] b && l.element() instanceof WitType.U8 ? b.length : -1;
            if (given < 0) {
                throw new Mismatch(v, t, "a " + t + " is a list of exactly " + l.length() + " elements");
            }
            if (given != l.length()) {
                throw new Mismatch(v, t, "expected exactly " + l.length() + " elements, got " + given);
            }
            if (v instanceof byte[]) {
                return v;
            }
            List<?> list = (List<?>) v;
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(element(i, l.element(), list.get(i), cx));
            }
            return Collections.unmodifiableList(out);
        }
        if (t instanceof WitType.MapType m) {
            if (!(v instanceof Map<?, ?> map)) {
                throw new Mismatch(v, t, "a map is a Map");
            }
            Collection<? extends Map.Entry<?, ?>> entries = map instanceof WitMap w ? w.entries() : map.entrySet();
            List<Map.Entry<Object, Object>> out = new ArrayList<>(entries.size());
            for (Map.Entry<?, ?> e : entries) {
                Object key = part(e.getKey(), " (key)", m.key(), e.getKey(), cx);
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, part(e.getKey(), "", m.value(), e.getValue(), cx)));
            }
            return WitMap.ofEntries(out);
        }
        if (t instanceof WitType.TupleType tuple) {
            if (!(v instanceof List<?> list) || list.size() != tuple.types().size()) {
                throw new Mismatch(v, t, null);
            }
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(element(i, tuple.types().get(i), list.get(i), cx));
            }
            return Collections.unmodifiableList(out);
        }
        if (t instanceof WitType.RecordType r) {
            return coerceRecord(r, v, cx);
        }
        if (t instanceof WitType.VariantType variant) {
            return coerceVariant(variant, v, cx);
        }
        if (t instanceof WitType.ResultType r) {
            WitResult result = resultOf(v);
            if (result == null) {
                throw new Mismatch(v, t, "a result is {ok: value} or {err: value}");
            }
            WitType side = result.isOk() ? r.ok() : r.err();
            if (side == null) {
                if (result.value() != null) {
                    throw new Mismatch(v, t, (result.isOk() ? "ok" : "error") + " has no payload");
                }
                return result;
            }
            return new WitResult(result.isOk(), field(result.isOk() ? "ok" : "err", side, result.value(), cx));
        }
        if (t instanceof WitType.FlagsType f) {
            return coerceFlags(f, v);
        }
        // own, borrow: a handle the runtime gave out (components), or a handle index (core modules)
        if (v instanceof ResourceHandle) {
            return v;
        }
        if (cx.binder() != null && v != null && t instanceof WitType.Own o) {
            ResourceHandle h = cx.binder().bind(o.resource(), v);
            if (h != null) {
                return h;
            }
        }
        BigInteger i = exactInteger(v);
        if (i == null || i.signum() < 0 || i.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new Mismatch(v, t, null);
        }
        return i.intValue();
    }

    /** A result as SPEC §6.1 writes it ({@code {ok: v}} / {@code {err: e}}), or a {@link WitResult}. */
    private static WitResult resultOf(Object v) {
        if (v instanceof WitResult r) {
            return r;
        }
        if (v instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            if ("ok".equals(e.getKey())) {
                return new WitResult(true, e.getValue());
            }
            if ("err".equals(e.getKey()) || "error".equals(e.getKey())) {
                return new WitResult(false, e.getValue());
            }
        }
        return null;
    }

    private static Object coerceChar(WitType t, Object v) throws Mismatch {
        String s = v instanceof Character c ? String.valueOf(c) : v instanceof String str ? str : null;
        if (s != null && !s.isEmpty() && s.codePointCount(0, s.length()) == 1 && isWellFormed(s)) {
            return s;
        }
        throw new Mismatch(v, t, null);
    }

    /** See {@link WitType.OptionType}: an option nested in an option is an explicit WitVariant. */
    private static Object coerceOption(WitType.OptionType o, Object v, Ctx cx) throws Mismatch {
        if (v == null) {
            return null;
        }
        if (!(o.type() instanceof WitType.OptionType inner)) {
            return coerce(o.type(), v, cx);
        }
        WitVariant wv = v instanceof WitVariant x ? x : oneKey(v);
        if (wv != null && wv.caseName().equals("none") && wv.value() == null) {
            return new WitVariant("none", null);
        }
        if (wv != null && wv.caseName().equals("some") && wv.value() != null) {
            try {
                return new WitVariant("some", coerceOption(inner, wv.value(), cx));
            } catch (Mismatch m) {
                m.path = ".some" + m.path;
                throw m;
            }
        }
        throw new Mismatch(v, o, "an option inside an option is {none: null} or {some: value}");
    }

    private static Object coerceRecord(WitType.RecordType r, Object v, Ctx cx) throws Mismatch {
        if (!(v instanceof Map<?, ?> map)) {
            throw new Mismatch(v, r, null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (WitType.Field f : r.fields()) {
            if (!map.containsKey(f.name())) {
                throw new Mismatch(v, r, "missing field \"" + f.name() + "\"");
            }
            out.put(f.name(), field(f.name(), f.type(), map.get(f.name()), cx));
        }
        for (Object key : map.keySet()) {
            if (!out.containsKey(key)) {
                throw new Mismatch(v, r, "unknown field " + describe(key));
            }
        }
        return out;
    }

    /** A one-key map {@code {case: payload}} as a {@link WitVariant}, or null. */
    private static WitVariant oneKey(Object v) {
        if (v instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            if (e.getKey() instanceof String name) {
                return new WitVariant(name, e.getValue());
            }
        }
        return null;
    }

    private static Object coerceVariant(WitType.VariantType variant, Object v, Ctx cx) throws Mismatch {
        WitVariant wv = v instanceof WitVariant x ? x : oneKey(v);
        if (wv == null && v instanceof String name) {
            for (WitType.Case c : variant.cases()) {
                if (c.name().equals(name) && c.type() != null) {
                    throw new Mismatch(v, variant, "case \"" + name + "\" has a payload: write {" + name + ": value}");
                }
            }
            wv = new WitVariant(name, null); // a case without payload, by its bare name
        }
        if (wv == null) {
            throw new Mismatch(v, variant, "a variant is {case-name: payload}");
        }
        for (WitType.Case c : variant.cases()) {
            if (c.name().equals(wv.caseName())) {
                if (c.type() == null) {
                    if (wv.value() != null) {
                        throw new Mismatch(v, variant, "case \"" + c.name() + "\" has no payload");
                    }
                    return wv;
                }
                return new WitVariant(c.name(), field(c.name(), c.type(), wv.value(), cx));
            }
        }
        throw new Mismatch(v, variant, "no case \"" + wv.caseName() + "\"");
    }

    private static Object coerceFlags(WitType.FlagsType f, Object v) throws Mismatch {
        BigInteger mask = v instanceof Collection ? null : exactInteger(v);
        if (mask != null) {
            // Wippy's numeric form: bit i is label i
            if (mask.signum() < 0 || mask.bitLength() > f.labels().size()) {
                throw new Mismatch(v, f, "bitmask has bits beyond the " + f.labels().size() + " flags");
            }
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < f.labels().size(); i++) {
                if (mask.testBit(i)) {
                    out.add(f.labels().get(i));
                }
            }
            return out;
        }
        if (!(v instanceof Collection<?> given)) {
            throw new Mismatch(v, f, "flags are a list of flag names");
        }
        for (Object label : given) {
            if (!(label instanceof String) || !f.labels().contains(label)) {
                throw new Mismatch(v, f, "no flag " + describe(label));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String label : f.labels()) {
            if (given.contains(label)) {
                out.add(label);
            }
        }
        return out;
    }

    private static Object parseCommandLine(WitType t, String text) throws Mismatch {
        if (t instanceof WitType.Bool) {
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        } else if (isInteger(t)) {
            if (DECIMAL_INTEGER.matcher(text).matches()) {
                return integerValue(t, new BigInteger(text), text);
            }
        } else if (t instanceof WitType.F32 || t instanceof WitType.F64) {
            Double d = parseFloatText(text);
            if (d != null) {
                return floatValue(t, d, text);
            }
        } else if (compound(t)) {
            // a record, list, variant, … on the command line is written in YAML flow syntax:
            // '{x: 1, y: 2}', '[1, 2, 3]', '{ok: 5}', '[read, write]'
            Object parsed = parseFlow(text);
            if (parsed != null && !(parsed instanceof String)) {
                return coerce(t, parsed, Ctx.PLAIN);
            }
            if (parsed instanceof String name && (t instanceof WitType.VariantType)) {
                return coerce(t, name, Ctx.PLAIN);
            }
        }
        throw new Mismatch(text, t, compound(t) ? "write it in YAML flow syntax, e.g. {field: value} or [a, b]" : null);
    }

    private static boolean compound(WitType t) {
        return t instanceof WitType.RecordType || t instanceof WitType.ListType || t instanceof WitType.TupleType
                || t instanceof WitType.FixedListType || t instanceof WitType.MapType
                || t instanceof WitType.VariantType || t instanceof WitType.ResultType || t instanceof WitType.FlagsType;
    }

    /** Safe YAML (no tags, no aliases beyond a few, small): plain maps, lists, strings, numbers. */
    private static Object parseFlow(String text) {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1 << 20);
        try {
            return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options)).load(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Double parseFloatText(String text) {
        switch (text.toLowerCase()) {
            case "nan":
                return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return DECIMAL_FLOAT.matcher(text).matches() ? Double.parseDouble(text) : null;
        }
    }

    private static boolean isInteger(WitType t) {
        return t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16
                || t instanceof WitType.U16 || t instanceof WitType.S32 || t instanceof WitType.U32
                || t instanceof WitType.S64 || t instanceof WitType.U64;
    }

    /** The integer an integral Java number holds exactly, or null. */
    private static BigInteger exactInteger(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d)) {
                return new BigDecimal(d).toBigIntegerExact();
            }
        }
        return null;
    }

    /** {@link #integerValue} for a value that fits a long (a list of 10,000 numbers costs no BigInteger). */
    private static Object smallIntegerValue(WitType t, long v, Object original) throws Mismatch {
        long min;
        long max;
        if (t instanceof WitType.S8) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else if (t instanceof WitType.U8) {
            min = 0;
            max = 0xff;
        } else if (t instanceof WitType.S16) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (t instanceof WitType.U16) {
            min = 0;
            max = 0xffff;
        } else if (t instanceof WitType.S32) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (t instanceof WitType.U32) {
            min = 0;
            max = 0xffffffffL;
        } else if (t instanceof WitType.S64) {
            return v;
        } else {
            if (v < 0) {
                throw new Mismatch(original, t, OUT_OF_RANGE);
            }
            return v; // u64
        }
        if (v < min || v > max) {
            throw new Mismatch(original, t, OUT_OF_RANGE);
        }
        return t instanceof WitType.U32 ? (Object) v : (Object) (int) v;
    }

    private static Object integerValue(WitType t, BigInteger i, Object original) throws Mismatch {
        long min;
        BigInteger max;
        if (t instanceof WitType.S8) {
            min = Byte.MIN_VALUE;
            max = BigInteger.valueOf(Byte.MAX_VALUE);
        } else if (t instanceof WitType.U8) {
            min = 0;
            max = BigInteger.valueOf(0xff);
        } else if (t instanceof WitType.S16) {
            min = Short.MIN_VALUE;
            max = BigInteger.valueOf(Short.MAX_VALUE);
        } else if (t instanceof WitType.U16) {
            min = 0;
            max = BigInteger.valueOf(0xffff);
        } else if (t instanceof WitType.S32) {
            min = Integer.MIN_VALUE;
            max = BigInteger.valueOf(Integer.MAX_VALUE);
        } else if (t instanceof WitType.U32) {
            min = 0;
            max = BigInteger.valueOf(0xffffffffL);
        } else if (t instanceof WitType.S64) {
            min = Long.MIN_VALUE;
            max = BigInteger.valueOf(Long.MAX_VALUE);
        } else {
            min = 0;
            max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(max) > 0) {
            throw new Mismatch(original, t, OUT_OF_RANGE);
        }
        if (t instanceof WitType.U32 || t instanceof WitType.S64) {
            return i.longValue();
        }
        if (t instanceof WitType.U64) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        return i.intValue();
    }

    private static Object floatValue(WitType t, Object v) throws Mismatch {
        if (v instanceof Double || v instanceof Float) {
            return floatValue(t, ((Number) v).doubleValue(), v);
        }
        BigInteger i = exactInteger(v);
        if (i == null) {
            throw new Mismatch(v, t, null);
        }
        // An integer must survive the trip to the float type unchanged.
        boolean f32 = t instanceof WitType.F32;
        double d = f32 ? i.floatValue() : i.doubleValue();
        if (!Double.isFinite(d) || !new BigDecimal(d).toBigIntegerExact().equals(i)) {
            throw new Mismatch(v, t, "not exactly representable");
        }
        return f32 ? (Object) (float) d : (Object) d;
    }

    private static Object floatValue(WitType t, double d, Object original) throws Mismatch {
        if (t instanceof WitType.F64) {
            return d;
        }
        float f = (float) d;
        if (Float.isInfinite(f) && Double.isFinite(d)) {
            throw new Mismatch(original, t, OUT_OF_RANGE);
        }
        return f;
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        return String.valueOf(v);
    }
}
