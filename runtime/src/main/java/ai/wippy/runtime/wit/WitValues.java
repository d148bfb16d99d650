package ai.wippy.runtime.wit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values as people write and read them (SPEC §6.1): what YAML test arguments and expectations,
 * command output, EXIT events and the Java API use. Lists and fixed-length lists are lists, maps
 * maps (a {@link WitMap}, its key-value pairs as they came), records maps by field name, variants
 * one-key maps {@code {case: payload}}, enums their case name, flags the list of set names in
 * declaration order, results {@code {ok: v}} / {@code {err: e}}, options null or the value (an
 * option directly inside an option is {@code {some: v}} / {@code {none: null}}), chars one-character
 * strings, handles {@link ResourceHandle}s. {@link ArgumentCoercion} reads this form (and the
 * engine's own); {@link #toPlain} turns what the canonical ABI lifts into it.
 */
public final class WitValues {

    private WitValues() {
    }

    /** A lifted value (see {@link WitType} for the engine's model) in the SPEC §6.1 form. */
    public static Object toPlain(WitType t, Object v) {
        return toPlain(t, v, null);
    }

    /**
     * As {@link #toPlain(WitType, Object)}, with each handle replaced by what {@code unbind} makes of
     * it (a Java host's own object for a resource it defines); null keeps handles as they are.
     */
    public static Object toPlain(WitType t, Object v, java.util.function.Function<ResourceHandle, Object> unbind) {
        if (v == null || t == null) {
            return v;
        }
        if (unbind != null && v instanceof ResourceHandle h) {
            return unbind.apply(h);
        }
        if (t instanceof WitType.ListType l) {
            if (v instanceof byte[] bytes) {
                List<Object> out = new ArrayList<>(bytes.length);
                boolean unsigned = l.element() instanceof WitType.U8;
                for (byte b : bytes) {
                    out.add(unsigned ? b & 0xff : (int) b);
                }
                return Collections.unmodifiableList(out);
            }
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(toPlain(l.element(), e, unbind));
            }
            return Collections.unmodifiableList(out);
        }
        if (t instanceof WitType.FixedListType l) {
            return toPlain(new WitType.ListType(l.element()), v, unbind);
        }
        if (t instanceof WitType.MapType m) {
            Map<?, ?> map = (Map<?, ?>) v;
            Collection<? extends Map.Entry<?, ?>> entries = map instanceof WitMap w ? w.entries() : map.entrySet();
            List<Map.Entry<Object, Object>> out = new ArrayList<>(entries.size());
            for (Map.Entry<?, ?> e : entries) {
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(toPlain(m.key(), e.getKey(), unbind),
                        toPlain(m.value(), e.getValue(), unbind)));
            }
            return WitMap.ofEntries(out);
        }
        if (t instanceof WitType.TupleType tu) {
            List<?> items = (List<?>) v;
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(toPlain(tu.types().get(i), items.get(i), unbind));
            }
            return Collections.unmodifiableList(out);
        }
        if (t instanceof WitType.RecordType r) {
            Map<?, ?> m = (Map<?, ?>) v;
            Map<String, Object> out = new LinkedHashMap<>();
            for (WitType.Field f : r.fields()) {
                out.put(f.name(), toPlain(f.type(), m.get(f.name()), unbind));
            }
            return Collections.unmodifiableMap(out);
        }
        if (t instanceof WitType.VariantType vt) {
            WitVariant w = (WitVariant) v;
            WitType payload = vt.cases().stream().filter(c -> c.name().equals(w.caseName())).findFirst()
                    .map(WitType.Case::type).orElse(null);
            return Collections.singletonMap(w.caseName(), toPlain(payload, w.value(), unbind));
        }
        if (t instanceof WitType.OptionType o) {
            if (o.type() instanceof WitType.OptionType && v instanceof WitVariant w) {
                return Collections.singletonMap(w.caseName(), toPlain(o.type(), w.value(), unbind));
            }
            return toPlain(o.type(), v, unbind);
        }
        if (t instanceof WitType.ResultType r) {
            WitResult w = (WitResult) v;
            return Collections.singletonMap(w.isOk() ? "ok" : "err", toPlain(w.isOk() ? r.ok() : r.err(), w.value(), unbind));
        }
        if (t instanceof WitType.FlagsType f) {
            Collection<?> set = (Collection<?>) v;
            List<Object> out = new ArrayList<>();
            for (String label : f.labels()) {
                if (set.contains(label)) {
                    out.add(label);
                }
            }
            return Collections.unmodifiableList(out);
        }
        return v; // numbers, bool, char, string, enum names, handles
    }

    /** The result of a call in the §6.1 form: null for none, the value for one, a list for several. */
    public static Object resultToPlain(WitFunction f, Object result) {
        if (f.results().isEmpty()) {
            return null;
        }
        if (f.results().size() == 1) {
            return toPlain(f.results().get(0), result);
        }
        List<?> values = (List<?>) result;
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(toPlain(f.results().get(i), values.get(i)));
        }
        return Collections.unmodifiableList(out);
    }
}
