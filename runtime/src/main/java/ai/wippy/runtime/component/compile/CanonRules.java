package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.abi.CanonicalAbi;
import ai.wippy.runtime.abi.CoreType;
import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.List;

/** The core signatures {@code canon lift} and {@code canon lower} imply (flatten_functype), and what they need. */
final class CanonRules {

    private CanonRules() {
    }

    static List<CoreTypes.ValType> flatten(List<WitType> types) {
        List<CoreTypes.ValType> out = new ArrayList<>();
        for (WitType t : types) {
            for (CoreType c : CanonicalAbi.flatten(flattenable(t))) {
                out.add(switch (c) {
                    case I32 -> CoreTypes.ValType.I32;
                    case I64 -> CoreTypes.ValType.I64;
                    case F32 -> CoreTypes.ValType.F32;
                    case F64 -> CoreTypes.ValType.F64;
                });
            }
        }
        return out;
    }

    /**
     * {@code t} in types the ABI's flatten_type knows, flattening the same: a map is the spec's
     * {@code list<tuple<K, V>>}, and a fixed-length list flattens as a tuple of its elements, cut to
     * {@code MAX_FLAT_PARAMS + 1} of them (a longer one goes through memory anyway, whatever its
     * exact flat types).
     */
    static WitType flattenable(WitType t) {
        if (t instanceof WitType.MapType m) {
            return new WitType.ListType(new WitType.TupleType(List.of(flattenable(m.key()), flattenable(m.value()))));
        }
        if (t instanceof WitType.FixedListType f) {
            int n = Math.min(f.length(), CanonicalAbi.MAX_FLAT_PARAMS + 1);
            return new WitType.TupleType(java.util.Collections.nCopies(n, flattenable(f.element())));
        }
        if (t instanceof WitType.ListType l) {
            WitType e = flattenable(l.element());
            return e == l.element() ? t : new WitType.ListType(e);
        }
        if (t instanceof WitType.OptionType o) {
            WitType e = flattenable(o.type());
            return e == o.type() ? t : new WitType.OptionType(e);
        }
        if (t instanceof WitType.ResultType r) {
            WitType ok = r.ok() == null ? null : flattenable(r.ok());
            WitType err = r.err() == null ? null : flattenable(r.err());
            return ok == r.ok() && err == r.err() ? t : new WitType.ResultType(ok, err);
        }
        if (t instanceof WitType.TupleType tu) {
            List<WitType> types = tu.types().stream().map(CanonRules::flattenable).toList();
            return same(types, tu.types()) ? t : new WitType.TupleType(types);
        }
        if (t instanceof WitType.RecordType r) {
            List<WitType.Field> fields = r.fields().stream()
                    .map(f -> new WitType.Field(f.name(), flattenable(f.type()))).toList();
            return same(fields.stream().map(WitType.Field::type).toList(), r.fields().stream().map(WitType.Field::type).toList())
                    ? t : new WitType.RecordType(fields);
        }
        if (t instanceof WitType.VariantType v) {
            List<WitType.Case> cases = v.cases().stream()
                    .map(c -> new WitType.Case(c.name(), c.type() == null ? null : flattenable(c.type()))).toList();
            return same(cases.stream().map(WitType.Case::type).toList(), v.cases().stream().map(WitType.Case::type).toList())
                    ? t : new WitType.VariantType(cases);
        }
        return t;
    }

    private static boolean same(List<WitType> a, List<WitType> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<WitType> results(FuncType ft) {
        return ft.result() == null ? List.of() : List.of(ft.result());
    }

    /** The core type a lifted core function must have. */
    static CoreExtern.Func lifted(FuncType ft) {
        List<CoreTypes.ValType> params = flatten(ft.paramTypes());
        List<CoreTypes.ValType> results = flatten(results(ft));
        if (params.size() > CanonicalAbi.MAX_FLAT_PARAMS) {
            params = List.of(CoreTypes.ValType.I32);
        }
        if (results.size() > CanonicalAbi.MAX_FLAT_RESULTS) {
            results = List.of(CoreTypes.ValType.I32);
        }
        return new CoreExtern.Func(params, results);
    }

    /** The core type of the function a {@code canon lower} defines. */
    static CoreExtern.Func lowered(FuncType ft) {
        List<CoreTypes.ValType> params = flatten(ft.paramTypes());
        List<CoreTypes.ValType> results = flatten(results(ft));
        if (params.size() > CanonicalAbi.MAX_FLAT_PARAMS) {
            params = List.of(CoreTypes.ValType.I32);
        }
        if (results.size() > CanonicalAbi.MAX_FLAT_RESULTS) {
            params = new ArrayList<>(params);
            params.add(CoreTypes.ValType.I32);
            results = List.of();
        }
        return new CoreExtern.Func(params, results);
    }

    /** The type a post-return function must have: the lifted function's core results as parameters. */
    static CoreExtern.Func postReturn(FuncType ft) {
        return new CoreExtern.Func(lifted(ft).results(), List.of());
    }

    static final CoreExtern.Func REALLOC = new CoreExtern.Func(
            List.of(CoreTypes.ValType.I32, CoreTypes.ValType.I32, CoreTypes.ValType.I32, CoreTypes.ValType.I32),
            List.of(CoreTypes.ValType.I32));

    static boolean containsPointers(List<WitType> types) {
        for (WitType t : types) {
            if (containsPointers(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsPointers(WitType t) {
        if (t instanceof WitType.StringType || t instanceof WitType.ListType || t instanceof WitType.MapType) {
            return true;
        }
        if (t instanceof WitType.FixedListType f) {
            return containsPointers(f.element()); // stored inline, not behind a pointer
        }
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().anyMatch(f -> containsPointers(f.type()));
        }
        if (t instanceof WitType.TupleType tu) {
            return containsPointers(tu.types());
        }
        if (t instanceof WitType.VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && containsPointers(c.type()));
        }
        if (t instanceof WitType.OptionType o) {
            return containsPointers(o.type());
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() != null && containsPointers(r.ok())) || (r.err() != null && containsPointers(r.err()));
        }
        return false;
    }

    static boolean containsBorrow(WitType t) {
        if (t instanceof WitType.Borrow) {
            return true;
        }
        if (t instanceof WitType.ListType l) {
            return containsBorrow(l.element());
        }
        if (t instanceof WitType.FixedListType l) {
            return containsBorrow(l.element());
        }
        if (t instanceof WitType.MapType m) {
            return containsBorrow(m.key()) || containsBorrow(m.value());
        }
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().anyMatch(f -> containsBorrow(f.type()));
        }
        if (t instanceof WitType.TupleType tu) {
            return tu.types().stream().anyMatch(CanonRules::containsBorrow);
        }
        if (t instanceof WitType.VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && containsBorrow(c.type()));
        }
        if (t instanceof WitType.OptionType o) {
            return containsBorrow(o.type());
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() != null && containsBorrow(r.ok())) || (r.err() != null && containsBorrow(r.err()));
        }
        return false;
    }

    /** Whether the function needs a memory: pointers anywhere, or values spilled to memory. */
    static boolean needsMemory(FuncType ft, boolean lift) {
        if (containsPointers(ft.paramTypes()) || containsPointers(results(ft))) {
            return true;
        }
        return flatten(ft.paramTypes()).size() > CanonicalAbi.MAX_FLAT_PARAMS
                || flatten(results(ft)).size() > CanonicalAbi.MAX_FLAT_RESULTS;
    }

    /** Whether the function needs realloc: the side that receives strings/lists must allocate them. */
    static boolean needsRealloc(FuncType ft, boolean lift) {
        if (lift) {
            return containsPointers(ft.paramTypes()) || flatten(ft.paramTypes()).size() > CanonicalAbi.MAX_FLAT_PARAMS;
        }
        return containsPointers(results(ft));
    }
}
