package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.types.ComponentType;
import ai.wippy.runtime.component.types.ExternType;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.types.InstanceType;
import ai.wippy.runtime.component.types.ModuleType;
import ai.wippy.runtime.component.types.ResourceTypeDef;
import ai.wippy.runtime.component.types.TypeDef;
import ai.wippy.runtime.component.types.ValueTypeDef;
import ai.wippy.runtime.wit.WitType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The effective size of types: the number of nodes a type has when written out as a tree, each use
 * of a type index counting the whole type again. Types are shared by index, so a few bytes can
 * describe a type of 2^60 nodes ({@code t1 = tuple<t0, t0>}, {@code t2 = tuple<t1, t1>}, …), and
 * every check that walks a type (subtyping, external visibility, flattening, messages) would then
 * never end. Like wasm-tools (MAX_WASM_TYPE_SIZE), a type, and the imports and exports of a
 * component or type together, must stay below {@link #LIMIT}; each walk is then bounded. Sizes are
 * remembered per type object, so computing them is linear in the distinct types.
 */
final class TypeSizes {

    static final int LIMIT = 1_000_000;

    private final Map<Object, Integer> known = new IdentityHashMap<>();

    /** Null when {@code size} is below the limit, else the message. */
    static String check(long size) {
        return size < LIMIT ? null : "effective type size exceeds the limit of " + LIMIT;
    }

    /** The effective size, saturated at {@link #LIMIT}. */
    int of(ExternType t) {
        if (t instanceof ExternType.Func f) {
            return of(f.type());
        }
        if (t instanceof ExternType.Type ty) {
            return of(ty.def());
        }
        if (t instanceof ExternType.Instance i) {
            return of(i.type());
        }
        if (t instanceof ExternType.Component c) {
            return of(c.type());
        }
        return of(((ExternType.Module) t).type());
    }

    int of(TypeDef d) {
        if (d instanceof ValueTypeDef v) {
            return of(v.type());
        }
        if (d instanceof ResourceTypeDef) {
            return 1;
        }
        Integer cached = known.get(d);
        if (cached != null) {
            return cached;
        }
        long size = 1;
        if (d instanceof FuncType f) {
            for (FuncType.Param p : f.params()) {
                size += of(p.type());
            }
            if (f.result() != null) {
                size += of(f.result());
            }
        } else if (d instanceof InstanceType i) {
            for (ExternType e : i.exports().values()) {
                size += of(e);
            }
        } else {
            ComponentType c = (ComponentType) d;
            for (ExternType e : c.imports().values()) {
                size += of(e);
            }
            for (ExternType e : c.exports().values()) {
                size += of(e);
            }
        }
        return remember(d, size);
    }

    private int of(ModuleType m) {
        return 1 + m.imports().size() + m.exports().size();
    }

    int of(WitType t) {
        if (t == null) {
            return 0;
        }
        Integer cached = known.get(t);
        if (cached != null) {
            return cached;
        }
        long size = 1;
        if (t instanceof WitType.RecordType r) {
            for (WitType.Field f : r.fields()) {
                size += of(f.type());
            }
        } else if (t instanceof WitType.VariantType v) {
            for (WitType.Case c : v.cases()) {
                size += of(c.type());
            }
        } else if (t instanceof WitType.TupleType tu) {
            for (WitType x : tu.types()) {
                size += of(x);
            }
        } else if (t instanceof WitType.ListType l) {
            size += of(l.element());
        } else if (t instanceof WitType.FixedListType l) {
            size += of(l.element());
        } else if (t instanceof WitType.MapType m) {
            size += of(m.key()) + of(m.value());
        } else if (t instanceof WitType.OptionType o) {
            size += of(o.type());
        } else if (t instanceof WitType.ResultType r) {
            size += of(r.ok()) + of(r.err());
        } else {
            return 1; // primitives, enums, flags, handles
        }
        return remember(t, size);
    }

    private int remember(Object t, long size) {
        int s = (int) Math.min(size, LIMIT);
        known.put(t, s);
        return s;
    }
}
