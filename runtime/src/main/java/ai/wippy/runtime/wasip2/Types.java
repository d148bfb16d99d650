package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitType;

/**
 * Finds resource types inside a WASI function's type, so a host function can give out handles of
 * exactly the type the guest imported (handles are checked by the resource type's identity). A path
 * names the way down: {@code ok} / {@code err} of a result, a case name of a variant, {@code []} the
 * element of a list or an option's value, {@code 0}, {@code 1}, … a tuple's element, else a field.
 */
final class Types {

    private Types() {
    }

    static ResourceType own(WitType t, String... path) {
        WitType at = t;
        for (String step : path) {
            at = step(at, step);
        }
        if (at instanceof WitType.Own o) {
            return o.resource();
        }
        throw new IllegalStateException("no own<…> at " + String.join("/", path) + " of " + t);
    }

    private static WitType step(WitType t, String step) {
        if (t instanceof WitType.ResultType r && (step.equals("ok") || step.equals("err"))) {
            return step.equals("ok") ? r.ok() : r.err();
        }
        if (t instanceof WitType.ListType l && step.equals("[]")) {
            return l.element();
        }
        if (t instanceof WitType.OptionType o && step.equals("[]")) {
            return o.type();
        }
        if (t instanceof WitType.TupleType tuple && Character.isDigit(step.charAt(0))) {
            return tuple.types().get(Integer.parseInt(step));
        }
        if (t instanceof WitType.VariantType v) {
            for (WitType.Case c : v.cases()) {
                if (c.name().equals(step)) {
                    return c.type();
                }
            }
        }
        if (t instanceof WitType.RecordType r) {
            for (WitType.Field f : r.fields()) {
                if (f.name().equals(step)) {
                    return f.type();
                }
            }
        }
        throw new IllegalStateException("no " + step + " in " + t);
    }
}
