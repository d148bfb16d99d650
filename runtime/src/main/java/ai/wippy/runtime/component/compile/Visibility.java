package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.types.ComponentType;
import ai.wippy.runtime.component.types.ExternType;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.types.InstanceType;
import ai.wippy.runtime.component.types.ResourceTypeDef;
import ai.wippy.runtime.component.types.TypeDef;
import ai.wippy.runtime.component.types.ValueTypeDef;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * External visibility of types (Explainer "External Visibility of Types"): resources and
 * records, variants, enums and flags used in the type of an import or export must be named by an
 * import or export (imports only by imports). A name is the index an import or export introduces,
 * so named types are tracked by object identity: each import or export of such a type makes a
 * fresh, equal copy ({@link #name}), and checks look for those copies.
 */
final class Visibility {

    private final Set<Object> namedByImport = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> namedByExport = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The type an import or export of {@code def} introduces under {@code name}: a named copy. */
    TypeDef name(TypeDef def, String name, boolean byImport) {
        Set<Object> into = byImport ? namedByImport : namedByExport;
        if (def instanceof ResourceTypeDef r) {
            ResourceType view = r.resource().view(name);
            into.add(view);
            return new ResourceTypeDef(view);
        }
        if (def instanceof ValueTypeDef v && nominal(v.type())) {
            WitType copy = copy(v.type());
            into.add(copy);
            return new ValueTypeDef(copy);
        }
        return def;
    }

    /** A resource an import introduces, e.g. {@code (sub resource)}: named by being imported. */
    void importedResource(ResourceType r) {
        namedByImport.add(r);
    }

    void exportedResource(ResourceType r) {
        namedByExport.add(r);
    }

    void importedValue(WitType t) {
        namedByImport.add(t);
    }

    void exportedValue(WitType t) {
        namedByExport.add(t);
    }

    /** Null when every type {@code t} uses is externally visible; else the problem. */
    String check(ExternType t, boolean isImport) {
        String kind = kind(t);
        String problem = isImport ? "not valid to be used as import" : "not valid to be used as export";
        return visible(t, isImport) ? null : kind + " " + problem;
    }

    private static String kind(ExternType t) {
        if (t instanceof ExternType.Func) {
            return "func";
        }
        if (t instanceof ExternType.Instance) {
            return "instance";
        }
        if (t instanceof ExternType.Component) {
            return "component";
        }
        return t instanceof ExternType.Type ? "type" : "module";
    }

    private boolean visible(ExternType t, boolean isImport) {
        if (t instanceof ExternType.Func f) {
            return visible(f.type(), isImport);
        }
        if (t instanceof ExternType.Type ty) {
            return visibleDef(ty.def(), isImport);
        }
        if (t instanceof ExternType.Instance i) {
            return visible(i.type(), isImport);
        }
        if (t instanceof ExternType.Component c) {
            return visible(c.type(), isImport);
        }
        return true;
    }

    private boolean visibleDef(TypeDef d, boolean isImport) {
        if (d instanceof ValueTypeDef v) {
            return children(v.type(), isImport); // the type itself is named by this very import/export
        }
        if (d instanceof FuncType f) {
            return visible(f, isImport);
        }
        if (d instanceof InstanceType i) {
            return visible(i, isImport);
        }
        if (d instanceof ComponentType c) {
            return visible(c, isImport);
        }
        return true;
    }

    private boolean visible(FuncType f, boolean isImport) {
        for (FuncType.Param p : f.params()) {
            if (!visible(p.type(), isImport)) {
                return false;
            }
        }
        return f.result() == null || visible(f.result(), isImport);
    }

    private boolean visible(InstanceType i, boolean isImport) {
        for (ExternType e : i.exports().values()) {
            if (!visible(e, isImport)) {
                return false;
            }
        }
        return true;
    }

    private boolean visible(ComponentType c, boolean isImport) {
        for (ExternType e : c.imports().values()) {
            if (!visible(e, isImport)) {
                return false;
            }
        }
        for (ExternType e : c.exports().values()) {
            if (!visible(e, isImport)) {
                return false;
            }
        }
        return true;
    }

    private boolean named(Object o, boolean isImport) {
        return namedByImport.contains(o) || (!isImport && namedByExport.contains(o));
    }

    private boolean visible(WitType t, boolean isImport) {
        if (t instanceof WitType.Own o) {
            return named(o.resource(), isImport);
        }
        if (t instanceof WitType.Borrow b) {
            return named(b.resource(), isImport);
        }
        if (nominal(t) && !named(t, isImport)) {
            return false;
        }
        return children(t, isImport);
    }

    private boolean children(WitType t, boolean isImport) {
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().allMatch(f -> visible(f.type(), isImport));
        }
        if (t instanceof WitType.VariantType v) {
            return v.cases().stream().allMatch(c -> c.type() == null || visible(c.type(), isImport));
        }
        if (t instanceof WitType.ListType l) {
            return visible(l.element(), isImport);
        }
        if (t instanceof WitType.OptionType o) {
            return visible(o.type(), isImport);
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() == null || visible(r.ok(), isImport)) && (r.err() == null || visible(r.err(), isImport));
        }
        if (t instanceof WitType.TupleType tu) {
            return tu.types().stream().allMatch(x -> visible(x, isImport));
        }
        return true;
    }

    static boolean nominal(WitType t) {
        return t instanceof WitType.RecordType || t instanceof WitType.VariantType || t instanceof WitType.EnumType
                || t instanceof WitType.FlagsType;
    }

    private static WitType copy(WitType t) {
        if (t instanceof WitType.RecordType r) {
            return new WitType.RecordType(r.fields());
        }
        if (t instanceof WitType.VariantType v) {
            return new WitType.VariantType(v.cases());
        }
        if (t instanceof WitType.EnumType e) {
            return new WitType.EnumType(e.cases());
        }
        return new WitType.FlagsType(((WitType.FlagsType) t).labels());
    }

    /** Marks types that came from substitution as named when what they replace was. */
    void inherit(Object from, Object to, Map<Object, Object> unused) {
        if (namedByImport.contains(from)) {
            namedByImport.add(to);
        }
        if (namedByExport.contains(from)) {
            namedByExport.add(to);
        }
    }
}
