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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
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

    /** The names of one scope: those its imports introduced, and those its exports introduced. */
    static final class Names {
        final Set<Object> imported = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<Object> exported = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private final Map<Scope, Names> byScope = new IdentityHashMap<>();
    /** Names declared inside an instance or component type, which its own imports/exports may use. */
    private final Map<Object, Names> byType = new IdentityHashMap<>();
    /** Every name set an object is in (so a rebuilt copy can join them). */
    private final Map<Object, List<Set<Object>>> memberships = new IdentityHashMap<>();

    private Names of(Scope s) {
        return byScope.computeIfAbsent(s, k -> new Names());
    }

    void add(Scope s, Object named, boolean byImport) {
        Names n = of(s);
        join(byImport ? n.imported : n.exported, named);
    }

    private void join(Set<Object> set, Object named) {
        if (set.add(named)) {
            memberships.computeIfAbsent(named, k -> new ArrayList<>()).add(set);
        }
    }

    /** The instance or component type {@code type} was declared by the declarators of {@code typeScope}. */
    void declared(Scope typeScope, Object type) {
        byType.put(type, of(typeScope));
    }

    /** The type an import or export of {@code def} introduces under {@code name}: a named copy. */
    TypeDef name(Scope s, TypeDef def, String name, boolean byImport) {
        if (def instanceof ResourceTypeDef r) {
            ResourceType view = r.resource().view(name);
            add(s, view, byImport);
            return new ResourceTypeDef(view);
        }
        if (def instanceof ValueTypeDef v && nominal(v.type())) {
            WitType copy = copy(v.type());
            add(s, copy, byImport);
            return new ValueTypeDef(copy);
        }
        return def;
    }

    /** A rebuilt copy (substitution) is named wherever the original was; a rebuilt type keeps its declarations. */
    void inherit(Object from, Object to) {
        Names declared = byType.get(from);
        if (declared != null) {
            byType.put(to, declared);
        }
        List<Set<Object>> sets = memberships.get(from);
        if (sets != null) {
            for (Set<Object> set : new ArrayList<>(sets)) {
                join(set, to);
            }
        }
    }

    /** Null when every type {@code t} uses is externally visible in scope {@code s}; else the problem. */
    String check(Scope s, ExternType t, boolean isImport) {
        Names n = of(s);
        Deque<Set<Object>> visible = new ArrayDeque<>();
        visible.push(n.imported);
        if (!isImport) {
            visible.push(n.exported);
        }
        String kind = kind(t);
        return visible(t, visible) ? null
                : kind + (isImport ? " not valid to be used as import" : " not valid to be used as export");
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

    private boolean visible(ExternType t, Deque<Set<Object>> v) {
        if (t instanceof ExternType.Func f) {
            return visible(f.type(), v);
        }
        if (t instanceof ExternType.Type ty) {
            return visibleDef(ty.def(), v);
        }
        if (t instanceof ExternType.Instance i) {
            return visible(i.type(), v);
        }
        if (t instanceof ExternType.Component c) {
            return visible(c.type(), v);
        }
        return true;
    }

    private boolean visibleDef(TypeDef d, Deque<Set<Object>> v) {
        if (d instanceof ValueTypeDef vt) {
            return children(vt.type(), v); // the type itself is named by this very import/export
        }
        if (d instanceof FuncType f) {
            return visible(f, v);
        }
        if (d instanceof InstanceType i) {
            return visible(i, v);
        }
        if (d instanceof ComponentType c) {
            return visible(c, v);
        }
        return true;
    }

    private boolean visible(FuncType f, Deque<Set<Object>> v) {
        for (FuncType.Param p : f.params()) {
            if (!visible(p.type(), v)) {
                return false;
            }
        }
        return f.result() == null || visible(f.result(), v);
    }

    private boolean visible(InstanceType i, Deque<Set<Object>> v) {
        Names inner = byType.get(i);
        int pushed = push(v, inner == null ? null : inner.imported, inner == null ? null : inner.exported);
        // an instance names the types it exports itself, for the rest of its exports
        Set<Object> own = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ExternType e : i.exports().values()) {
            if (e instanceof ExternType.Type t) {
                if (t.def() instanceof ResourceTypeDef r) {
                    own.add(r.resource());
                } else if (t.def() instanceof ValueTypeDef vt) {
                    own.add(vt.type());
                }
            }
        }
        pushed += push(v, own, null);
        try {
            for (ExternType e : i.exports().values()) {
                if (!visible(e, v)) {
                    return false;
                }
            }
            return true;
        } finally {
            pop(v, pushed);
        }
    }

    private boolean visible(ComponentType c, Deque<Set<Object>> v) {
        Names inner = byType.get(c);
        int pushed = push(v, inner == null ? null : inner.imported, null);
        try {
            for (ExternType e : c.imports().values()) {
                if (!visible(e, v)) {
                    return false;
                }
            }
        } finally {
            pop(v, pushed);
        }
        pushed = push(v, inner == null ? null : inner.imported, inner == null ? null : inner.exported);
        try {
            for (ExternType e : c.exports().values()) {
                if (!visible(e, v)) {
                    return false;
                }
            }
            return true;
        } finally {
            pop(v, pushed);
        }
    }

    private static int push(Deque<Set<Object>> v, Set<Object> a, Set<Object> b) {
        int n = 0;
        if (a != null) {
            v.push(a);
            n++;
        }
        if (b != null) {
            v.push(b);
            n++;
        }
        return n;
    }

    private static void pop(Deque<Set<Object>> v, int n) {
        for (int i = 0; i < n; i++) {
            v.pop();
        }
    }

    private static boolean named(Object o, Deque<Set<Object>> v) {
        for (Set<Object> set : v) {
            if (set.contains(o)) {
                return true;
            }
        }
        return false;
    }

    private boolean visible(WitType t, Deque<Set<Object>> v) {
        if (t instanceof WitType.Own o) {
            return named(o.resource(), v);
        }
        if (t instanceof WitType.Borrow b) {
            return named(b.resource(), v);
        }
        if (nominal(t) && !named(t, v)) {
            return false;
        }
        return children(t, v);
    }

    private boolean children(WitType t, Deque<Set<Object>> v) {
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().allMatch(f -> visible(f.type(), v));
        }
        if (t instanceof WitType.VariantType vt) {
            return vt.cases().stream().allMatch(c -> c.type() == null || visible(c.type(), v));
        }
        if (t instanceof WitType.ListType l) {
            return visible(l.element(), v);
        }
        if (t instanceof WitType.FixedListType l) {
            return visible(l.element(), v);
        }
        if (t instanceof WitType.MapType m) {
            return visible(m.key(), v) && visible(m.value(), v);
        }
        if (t instanceof WitType.OptionType o) {
            return visible(o.type(), v);
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() == null || visible(r.ok(), v)) && (r.err() == null || visible(r.err(), v));
        }
        if (t instanceof WitType.TupleType tu) {
            return tu.types().stream().allMatch(x -> visible(x, v));
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
}
