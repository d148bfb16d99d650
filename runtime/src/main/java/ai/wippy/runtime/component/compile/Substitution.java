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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces resource types throughout a type. Used to give each import of an instance type its own
 * resources: the {@code (sub resource)} exports of a type stand for whatever resources an instance
 * has, so two imports of one type {@code $I} have different resources. Unchanged parts keep their
 * identity (and so their external-visibility names); rebuilt ones inherit them.
 */
final class Substitution {

    /** By resource identity (equals): a view of a resource under another name is that resource. */
    private final Map<ResourceType, ResourceType> map = new HashMap<>();
    private final Visibility visibility;

    private Substitution(Visibility visibility) {
        this.visibility = visibility;
    }

    /**
     * The type with fresh resources for every {@code (sub resource)} export of its instance types,
     * each occurrence of an instance type getting its own (two exports of one type {@code $I} are two
     * instances with different resources).
     */
    static ExternType freshen(ExternType t, Visibility visibility) {
        if (!(t instanceof ExternType.Instance i)) {
            return t;
        }
        Substitution s = new Substitution(visibility);
        InstanceType n = s.freshInstance(i.type());
        return n == i.type() ? t : new ExternType.Instance(n);
    }

    /**
     * The exports of one instance of a component of type {@code type} (an imported component, whose
     * definition is not known): its resource imports replaced by what they are bound to, and a fresh
     * resource for each {@code (sub resource)} it exports, as every instantiation makes new ones.
     */
    static Map<String, ExternType> instantiate(ComponentType type, Map<ResourceType, ResourceType> bindings,
            Visibility visibility) {
        Substitution s = new Substitution(visibility);
        s.map.putAll(bindings);
        return s.freshInstance(new InstanceType(type.exports())).exports();
    }

    private InstanceType freshInstance(InstanceType it) {
        Map<ResourceType, ResourceType> saved = new HashMap<>(map);
        Map<String, ExternType> exports = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, ExternType> e : it.exports().entrySet()) {
            ExternType et = e.getValue();
            ExternType n;
            if (et instanceof ExternType.Type ty && ty.subResource() && ty.def() instanceof ResourceTypeDef r) {
                ResourceType fresh = ResourceType.anonymous(r.resource().name());
                fresh.nameIfAnonymous(e.getKey());
                visibility.inherit(r.resource(), fresh);
                map.put(r.resource(), fresh);
                n = new ExternType.Type(new ResourceTypeDef(fresh), true);
            } else if (et instanceof ExternType.Instance nested) {
                InstanceType ni = freshInstance(nested.type());
                n = ni == nested.type() ? et : new ExternType.Instance(ni);
            } else {
                n = extern(et);
            }
            changed |= n != et;
            exports.put(e.getKey(), n);
        }
        map.clear();
        map.putAll(saved);
        if (!changed) {
            return it;
        }
        InstanceType n = new InstanceType(exports);
        visibility.inherit(it, n);
        return n;
    }

    private ExternType extern(ExternType t) {
        if (t instanceof ExternType.Func f) {
            FuncType n = func(f.type());
            return n == f.type() ? t : new ExternType.Func(n);
        }
        if (t instanceof ExternType.Instance i) {
            InstanceType n = instance(i.type());
            return n == i.type() ? t : new ExternType.Instance(n);
        }
        if (t instanceof ExternType.Type ty) {
            TypeDef n = def(ty.def());
            return n == ty.def() ? t : new ExternType.Type(n, ty.subResource());
        }
        if (t instanceof ExternType.Component c) {
            ComponentType n = component(c.type());
            return n == c.type() ? t : new ExternType.Component(n);
        }
        return t;
    }

    private TypeDef def(TypeDef d) {
        if (d instanceof ResourceTypeDef r) {
            ResourceType n = map.get(r.resource());
            return n == null ? d : new ResourceTypeDef(n);
        }
        if (d instanceof ValueTypeDef v) {
            WitType n = value(v.type());
            return n == v.type() ? d : new ValueTypeDef(n);
        }
        if (d instanceof FuncType f) {
            return func(f);
        }
        if (d instanceof InstanceType i) {
            return instance(i);
        }
        return component((ComponentType) d);
    }

    private InstanceType instance(InstanceType i) {
        Map<String, ExternType> exports = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, ExternType> e : i.exports().entrySet()) {
            ExternType n = extern(e.getValue());
            changed |= n != e.getValue();
            exports.put(e.getKey(), n);
        }
        if (!changed) {
            return i;
        }
        InstanceType n = new InstanceType(exports);
        visibility.inherit(i, n);
        return n;
    }

    private ComponentType component(ComponentType c) {
        Map<String, ExternType> imports = new LinkedHashMap<>();
        Map<String, ExternType> exports = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, ExternType> e : c.imports().entrySet()) {
            ExternType n = extern(e.getValue());
            changed |= n != e.getValue();
            imports.put(e.getKey(), n);
        }
        for (Map.Entry<String, ExternType> e : c.exports().entrySet()) {
            ExternType n = extern(e.getValue());
            changed |= n != e.getValue();
            exports.put(e.getKey(), n);
        }
        if (!changed) {
            return c;
        }
        ComponentType n = new ComponentType(imports, exports);
        visibility.inherit(c, n);
        return n;
    }

    private FuncType func(FuncType f) {
        List<FuncType.Param> params = new ArrayList<>();
        boolean changed = false;
        for (FuncType.Param p : f.params()) {
            WitType n = value(p.type());
            changed |= n != p.type();
            params.add(new FuncType.Param(p.name(), n));
        }
        WitType result = f.result() == null ? null : value(f.result());
        changed |= result != f.result();
        return changed ? new FuncType(params, result) : f;
    }

    WitType value(WitType t) {
        WitType n = rebuilt(t);
        if (n != t) {
            visibility.inherit(t, n);
        }
        return n;
    }

    private WitType rebuilt(WitType t) {
        if (t instanceof WitType.Own o) {
            ResourceType n = map.get(o.resource());
            return n == null ? t : new WitType.Own(n);
        }
        if (t instanceof WitType.Borrow b) {
            ResourceType n = map.get(b.resource());
            return n == null ? t : new WitType.Borrow(n);
        }
        if (t instanceof WitType.ListType l) {
            WitType e = value(l.element());
            return e == l.element() ? t : new WitType.ListType(e);
        }
        if (t instanceof WitType.FixedListType l) {
            WitType e = value(l.element());
            return e == l.element() ? t : new WitType.FixedListType(e, l.length());
        }
        if (t instanceof WitType.MapType m) {
            WitType k = value(m.key());
            WitType v = value(m.value());
            return k == m.key() && v == m.value() ? t : new WitType.MapType(k, v);
        }
        if (t instanceof WitType.OptionType o) {
            WitType e = value(o.type());
            return e == o.type() ? t : new WitType.OptionType(e);
        }
        if (t instanceof WitType.ResultType r) {
            WitType ok = r.ok() == null ? null : value(r.ok());
            WitType err = r.err() == null ? null : value(r.err());
            return ok == r.ok() && err == r.err() ? t : new WitType.ResultType(ok, err);
        }
        if (t instanceof WitType.TupleType tu) {
            List<WitType> types = new ArrayList<>();
            boolean changed = false;
            for (WitType x : tu.types()) {
                WitType n = value(x);
                changed |= n != x;
                types.add(n);
            }
            return changed ? new WitType.TupleType(types) : t;
        }
        if (t instanceof WitType.RecordType r) {
            List<WitType.Field> fields = new ArrayList<>();
            boolean changed = false;
            for (WitType.Field f : r.fields()) {
                WitType n = value(f.type());
                changed |= n != f.type();
                fields.add(new WitType.Field(f.name(), n));
            }
            return changed ? new WitType.RecordType(fields) : t;
        }
        if (t instanceof WitType.VariantType v) {
            List<WitType.Case> cases = new ArrayList<>();
            boolean changed = false;
            for (WitType.Case c : v.cases()) {
                WitType n = c.type() == null ? null : value(c.type());
                changed |= n != c.type();
                cases.add(new WitType.Case(c.name(), n));
            }
            return changed ? new WitType.VariantType(cases) : t;
        }
        return t;
    }
}
