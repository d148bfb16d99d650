package ai.wippy.runtime.component.types;

import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Component Model's subtype check ("Type Checking" in the explainer): whether an actual item can
 * be used where an expected type is declared. Value and function types must be equal (structurally);
 * resources must be the same resource; instance and component types may offer more exports and need
 * fewer imports. A {@code (sub resource)} in the expected type stands for whatever resource the
 * actual side has there, and that choice holds for the rest of the check (type imports are
 * substituted as soon as supplied).
 */
public final class Subtyping {

    /** Expected-side stand-ins bound to the actual resources they matched. */
    private final Map<ResourceType, ResourceType> bound = new HashMap<>();

    private Subtyping() {
    }

    /** Null when {@code actual} fits {@code expected}, else why not. */
    public static String check(ExternType actual, ExternType expected) {
        return new Subtyping().extern(actual, expected, "");
    }

    /**
     * What matching instantiation arguments against a component type's imports gave: {@code problem}
     * null when they fit, and then {@code bindings}, the resource each {@code (sub resource)} import
     * of the type (and of the instance types it imports) stands for.
     */
    public record Match(String problem, Map<ResourceType, ResourceType> bindings) {
        public Match {
            bindings = Map.copyOf(bindings);
        }
    }

    /**
     * Matches {@code args} (argument types by import name) against the imports of {@code type}, in
     * the order of the type's imports and in one session, so a {@code (sub resource)} import binds
     * its resource for the imports after it ({@code (import "T" (type (sub resource)))} then
     * {@code (import "f" (func (param (own $T))))}).
     */
    public static Match matchImports(Map<String, ExternType> args, ComponentType type) {
        Subtyping st = new Subtyping();
        for (Map.Entry<String, ExternType> imp : type.imports().entrySet()) {
            ExternType arg = args.get(imp.getKey());
            if (arg == null) {
                return new Match("missing import named `" + imp.getKey() + "`", Map.of());
            }
            String problem = st.extern(arg, imp.getValue(), "");
            if (problem != null) {
                return new Match("type mismatch for import `" + imp.getKey() + "`: " + problem, Map.of());
            }
        }
        return new Match(null, st.bound);
    }

    /** Null when the two value types are equal. */
    public static String checkValue(WitType actual, WitType expected) {
        return new Subtyping().value(actual, expected) ? null
                : "expected " + expected + ", found " + actual;
    }

    private String extern(ExternType a, ExternType e, String where) {
        String at = where.isEmpty() ? "" : where + ": ";
        if (a.getClass() != e.getClass()) {
            return at + "expected " + kind(e) + ", found " + kind(a);
        }
        if (e instanceof ExternType.Func ef) {
            return func(((ExternType.Func) a).type(), ef.type(), at);
        }
        if (e instanceof ExternType.Type et) {
            return typeBound(((ExternType.Type) a).def(), et, at);
        }
        if (e instanceof ExternType.Instance ei) {
            return instance(((ExternType.Instance) a).type(), ei.type(), where);
        }
        if (e instanceof ExternType.Component ec) {
            return component(((ExternType.Component) a).type(), ec.type(), where);
        }
        return module(((ExternType.Module) a).type(), ((ExternType.Module) e).type(), at);
    }

    private static String kind(ExternType t) {
        if (t instanceof ExternType.Func) {
            return "func";
        }
        if (t instanceof ExternType.Type) {
            return "type";
        }
        if (t instanceof ExternType.Instance) {
            return "instance";
        }
        return t instanceof ExternType.Component ? "component" : "module";
    }

    private String typeBound(TypeDef a, ExternType.Type e, String at) {
        if (e.subResource()) {
            if (!(a instanceof ResourceTypeDef ar)) {
                return at + "expected a resource type, found " + a.describe();
            }
            ResourceType standIn = ((ResourceTypeDef) e.def()).resource();
            ResourceType already = bound.get(standIn);
            if (already != null && !already.equals(ar.resource())) {
                return at + "resource types are not the same (" + already.name() + " vs " + ar.resource().name() + ")";
            }
            bound.put(standIn, ar.resource());
            return null;
        }
        return typeDef(a, e.def(), at);
    }

    private String typeDef(TypeDef a, TypeDef e, String at) {
        if (e instanceof ResourceTypeDef er) {
            if (!(a instanceof ResourceTypeDef ar) || !sameResource(ar.resource(), er.resource())) {
                return at + "expected resource " + er.resource().name() + ", found " + a.describe()
                        + (a instanceof ResourceTypeDef ? " (resource types are not the same)" : "");
            }
            return null;
        }
        if (a.getClass() != e.getClass()) {
            return at + "expected " + e.describe() + ", found " + a.describe();
        }
        if (e instanceof ValueTypeDef ev) {
            return value(((ValueTypeDef) a).type(), ev.type()) ? null
                    : at + "expected " + ev.type() + ", found " + ((ValueTypeDef) a).type();
        }
        if (e instanceof FuncType ef) {
            return func((FuncType) a, ef, at);
        }
        if (e instanceof InstanceType ei) {
            return instance((InstanceType) a, ei, at);
        }
        return component((ComponentType) a, (ComponentType) e, at);
    }

    private boolean sameResource(ResourceType actual, ResourceType expected) {
        return resolve(actual).equals(resolve(expected));
    }

    /** A stand-in stands for what it was bound to (on either side: component imports bind the actual side). */
    private ResourceType resolve(ResourceType r) {
        ResourceType b = bound.get(r);
        return b != null ? b : r;
    }

    private String func(FuncType a, FuncType e, String at) {
        if (a.params().size() != e.params().size()) {
            return at + "expected " + e.params().size() + " parameters, found " + a.params().size()
                    + " (expected " + e.describe() + ", found " + a.describe() + ")";
        }
        for (int i = 0; i < e.params().size(); i++) {
            FuncType.Param ap = a.params().get(i);
            FuncType.Param ep = e.params().get(i);
            if (!ap.name().equals(ep.name())) {
                return at + "expected parameter named `" + ep.name() + "`, found `" + ap.name() + "`";
            }
            if (!value(ap.type(), ep.type())) {
                return at + "type mismatch in parameter `" + ep.name() + "`: expected " + ep.type() + ", found "
                        + ap.type();
            }
        }
        if ((a.result() == null) != (e.result() == null)
                || (a.result() != null && !value(a.result(), e.result()))) {
            return at + "type mismatch with result type: expected " + e.describe() + ", found " + a.describe();
        }
        return null;
    }

    private String instance(InstanceType a, InstanceType e, String where) {
        for (Map.Entry<String, ExternType> exp : e.exports().entrySet()) {
            ExternType act = a.exports().get(exp.getKey());
            String path = where.isEmpty() ? exp.getKey() : where + "." + exp.getKey();
            if (act == null) {
                return "missing expected export `" + path + "`";
            }
            String problem = extern(act, exp.getValue(), path);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String component(ComponentType a, ComponentType e, String where) {
        // imports are contravariant: whatever the actual component needs, the expected type must offer
        for (Map.Entry<String, ExternType> imp : a.imports().entrySet()) {
            ExternType exp = e.imports().get(imp.getKey());
            String path = where.isEmpty() ? imp.getKey() : where + "." + imp.getKey();
            if (exp == null) {
                return "missing expected import `" + path + "`";
            }
            String problem = extern(exp, imp.getValue(), path);
            if (problem != null) {
                return problem;
            }
        }
        for (Map.Entry<String, ExternType> exp : e.exports().entrySet()) {
            ExternType act = a.exports().get(exp.getKey());
            String path = where.isEmpty() ? exp.getKey() : where + "." + exp.getKey();
            if (act == null) {
                return "missing expected export `" + path + "`";
            }
            String problem = extern(act, exp.getValue(), path);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String module(ModuleType a, ModuleType e, String at) {
        for (ModuleType.Import imp : a.imports()) {
            CoreExtern exp = null;
            for (ModuleType.Import ei : e.imports()) {
                if (ei.module().equals(imp.module()) && ei.name().equals(imp.name())) {
                    exp = ei.type();
                    break;
                }
            }
            if (exp == null) {
                return at + "missing expected import `" + imp.module() + "::" + imp.name() + "`";
            }
            String problem = core(exp, imp.type());
            if (problem != null) {
                return at + "type mismatch in import `" + imp.module() + "::" + imp.name() + "`: " + problem;
            }
        }
        for (Map.Entry<String, CoreExtern> exp : e.exports().entrySet()) {
            CoreExtern act = a.exports().get(exp.getKey());
            if (act == null) {
                return at + "missing expected export `" + exp.getKey() + "`";
            }
            String problem = core(act, exp.getValue());
            if (problem != null) {
                return at + "type mismatch in export `" + exp.getKey() + "`: " + problem;
            }
        }
        return null;
    }

    /** Null when the core item {@code a} can be used as {@code e} (core import matching). */
    public static String core(CoreExtern a, CoreExtern e) {
        if (a.getClass() != e.getClass()) {
            return "expected " + e.describe() + ", found " + a.describe();
        }
        if (e instanceof CoreExtern.Func || e instanceof CoreExtern.Tag || e instanceof CoreExtern.Global) {
            return a.equals(e) ? null : "expected " + e.describe() + " " + e + ", found " + a;
        }
        if (e instanceof CoreExtern.Table et) {
            CoreExtern.Table at = (CoreExtern.Table) a;
            return at.element() != et.element() ? "table element types differ" : limits(at.limits(), et.limits());
        }
        return limits(((CoreExtern.Memory) a).limits(), ((CoreExtern.Memory) e).limits());
    }

    private static String limits(ai.wippy.runtime.component.ast.CoreTypes.Limits a,
            ai.wippy.runtime.component.ast.CoreTypes.Limits e) {
        if (a.shared() != e.shared() || a.is64() != e.is64()) {
            return "limits differ in shared or 64-bit";
        }
        if (Long.compareUnsigned(a.min(), e.min()) < 0) {
            return "minimum " + a.min() + " is less than the expected " + e.min();
        }
        if (e.max() >= 0 && (a.max() < 0 || Long.compareUnsigned(a.max(), e.max()) > 0)) {
            return "maximum " + (a.max() < 0 ? "unbounded" : a.max()) + " is more than the expected " + e.max();
        }
        return null;
    }

    /** Structural equality, resources by identity (expected stand-ins through what they are bound to). */
    private boolean value(WitType a, WitType e) {
        if (e instanceof WitType.Own eo) {
            return a instanceof WitType.Own ao && sameResource(ao.resource(), eo.resource());
        }
        if (e instanceof WitType.Borrow eb) {
            return a instanceof WitType.Borrow ab && sameResource(ab.resource(), eb.resource());
        }
        if (a.getClass() != e.getClass()) {
            return false;
        }
        if (e instanceof WitType.ListType el) {
            return value(((WitType.ListType) a).element(), el.element());
        }
        if (e instanceof WitType.FixedListType el) {
            WitType.FixedListType al = (WitType.FixedListType) a;
            return al.length() == el.length() && value(al.element(), el.element());
        }
        if (e instanceof WitType.MapType em) {
            WitType.MapType am = (WitType.MapType) a;
            return value(am.key(), em.key()) && value(am.value(), em.value());
        }
        if (e instanceof WitType.OptionType eo) {
            return value(((WitType.OptionType) a).type(), eo.type());
        }
        if (e instanceof WitType.ResultType er) {
            WitType.ResultType ar = (WitType.ResultType) a;
            return nullableValue(ar.ok(), er.ok()) && nullableValue(ar.err(), er.err());
        }
        if (e instanceof WitType.TupleType et) {
            return values(((WitType.TupleType) a).types(), et.types());
        }
        if (e instanceof WitType.RecordType er) {
            List<WitType.Field> af = ((WitType.RecordType) a).fields();
            if (af.size() != er.fields().size()) {
                return false;
            }
            for (int i = 0; i < af.size(); i++) {
                if (!af.get(i).name().equals(er.fields().get(i).name())
                        || !value(af.get(i).type(), er.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof WitType.VariantType ev) {
            List<WitType.Case> ac = ((WitType.VariantType) a).cases();
            if (ac.size() != ev.cases().size()) {
                return false;
            }
            for (int i = 0; i < ac.size(); i++) {
                if (!ac.get(i).name().equals(ev.cases().get(i).name())
                        || !nullableValue(ac.get(i).type(), ev.cases().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(e); // primitives, enums, flags
    }

    private boolean nullableValue(WitType a, WitType e) {
        return a == null ? e == null : e != null && value(a, e);
    }

    private boolean values(List<WitType> a, List<WitType> e) {
        if (a.size() != e.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!value(a.get(i), e.get(i))) {
                return false;
            }
        }
        return true;
    }
}
