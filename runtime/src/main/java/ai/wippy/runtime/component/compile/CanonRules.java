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
            for (CoreType c : CanonicalAbi.flatten(t)) {
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
