package ai.wippy.runtime.engine;

import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the owned handles inside a value of a WIT type (in the engine's typed model: see
 * {@link WitType}), so the host side of a component can track which handles it holds. Only types
 * that can contain an {@code own} are walked: a {@code list<s32>} of 10,000 numbers costs nothing.
 */
final class OwnHandles {

    private OwnHandles() {
    }

    static boolean mayContain(WitType t) {
        if (t instanceof WitType.Own) {
            return true;
        }
        if (t instanceof WitType.ListType l) {
            return mayContain(l.element());
        }
        if (t instanceof WitType.OptionType o) {
            return mayContain(o.type());
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() != null && mayContain(r.ok())) || (r.err() != null && mayContain(r.err()));
        }
        if (t instanceof WitType.TupleType tuple) {
            return tuple.types().stream().anyMatch(OwnHandles::mayContain);
        }
        if (t instanceof WitType.RecordType record) {
            return record.fields().stream().anyMatch(f -> mayContain(f.type()));
        }
        if (t instanceof WitType.VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && mayContain(c.type()));
        }
        return false;
    }

    static void forEach(WitType t, Object value, Consumer<ResourceHandle> action) {
        if (value == null || !mayContain(t)) {
            return;
        }
        walk(t, value, action);
    }

    private static void walk(WitType t, Object value, Consumer<ResourceHandle> action) {
        if (value == null || !mayContain(t)) {
            return; // e.g. the list<u8> of a result<list<u8>, stream-error> (a byte[] from a host)
        }
        if (t instanceof WitType.Own) {
            if (value instanceof ResourceHandle h && h.owned()) {
                action.accept(h);
            }
        } else if (t instanceof WitType.ListType l) {
            // a list<u8> may be a byte[] (read results): no handles in it, nor in any list of plain values
            if (value instanceof List<?> list && mayContain(l.element())) {
                for (Object e : list) {
                    walk(l.element(), e, action);
                }
            }
        } else if (t instanceof WitType.OptionType o) {
            if (o.type() instanceof WitType.OptionType && value instanceof WitVariant v) {
                walk(o.type(), v.value(), action); // option<option<T>>: the inner level is explicit
            } else {
                walk(o.type(), value, action);
            }
        } else if (t instanceof WitType.ResultType r) {
            WitResult result = (WitResult) value;
            WitType side = result.isOk() ? r.ok() : r.err();
            if (side != null) {
                walk(side, result.value(), action);
            }
        } else if (t instanceof WitType.TupleType tuple) {
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                walk(tuple.types().get(i), items.get(i), action);
            }
        } else if (t instanceof WitType.RecordType record) {
            Map<?, ?> fields = (Map<?, ?>) value;
            for (WitType.Field f : record.fields()) {
                walk(f.type(), fields.get(f.name()), action);
            }
        } else if (t instanceof WitType.VariantType variant) {
            WitVariant v = (WitVariant) value;
            for (WitType.Case c : variant.cases()) {
                if (c.name().equals(v.caseName()) && c.type() != null) {
                    walk(c.type(), v.value(), action);
                }
            }
        }
    }
}
