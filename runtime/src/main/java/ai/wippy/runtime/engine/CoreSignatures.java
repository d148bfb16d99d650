package ai.wippy.runtime.engine;

import ai.wippy.runtime.abi.CanonicalAbi;
import ai.wippy.runtime.abi.CoreType;
import ai.wippy.runtime.abi.Direction;
import ai.wippy.runtime.abi.FlatSignature;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Core-module signatures as WIT: a numeric export without {@code wit} is typed by its core
 * signature (i32 → s32, i64 → s64, f32, f64; beyond Wippy, which refuses), and a declared
 * {@code wit} signature must flatten to exactly the export's core type.
 */
final class CoreSignatures {

    private CoreSignatures() {
    }

    static WitFunction fromCoreType(String method, FunctionType type) {
        List<WitFunction.Param> params = new ArrayList<>();
        for (int i = 0; i < type.params().size(); i++) {
            params.add(new WitFunction.Param("p" + i, witOf(method, type.params().get(i), type)));
        }
        List<WitType> results = new ArrayList<>();
        for (ValType r : type.returns()) {
            results.add(witOf(method, r, type));
        }
        return new WitFunction(method, params, results);
    }

    static void checkMatches(WitFunction declared, FunctionType actual) {
        FlatSignature flat = CanonicalAbi.flattenFunction(declared, Direction.LIFT);
        List<CoreType> params = new ArrayList<>();
        for (ValType v : actual.params()) {
            params.add(coreOf(v));
        }
        List<CoreType> results = new ArrayList<>();
        for (ValType v : actual.returns()) {
            results.add(coreOf(v));
        }
        if (!flat.params().equals(params) || !flat.results().equals(results)) {
            throw new WasmCallException(WasmCallException.Reason.ARGUMENT, "wit signature \"" + declared
                    + "\" does not match the export's core type " + describe(params) + " -> " + describe(results)
                    + " (it lowers to " + describe(flat.params()) + " -> " + describe(flat.results()) + ")");
        }
    }

    private static String describe(List<CoreType> types) {
        return types.stream().map(t -> t.name().toLowerCase()).collect(Collectors.joining(", ", "(", ")"));
    }

    private static CoreType coreOf(ValType v) {
        if (v.equals(ValType.I32)) {
            return CoreType.I32;
        }
        if (v.equals(ValType.I64)) {
            return CoreType.I64;
        }
        if (v.equals(ValType.F32)) {
            return CoreType.F32;
        }
        if (v.equals(ValType.F64)) {
            return CoreType.F64;
        }
        return null;
    }

    private static WitType witOf(String method, ValType v, FunctionType type) {
        CoreType core = coreOf(v);
        if (core == null) {
            throw new WasmCallException(WasmCallException.Reason.ARGUMENT, "export \"" + method + "\" has the core type "
                    + type + ", which cannot be called without a wit signature; only i32, i64, f32 and f64 can");
        }
        return switch (core) {
            case I32 -> WitType.S32;
            case I64 -> WitType.S64;
            case F32 -> WitType.F32;
            case F64 -> WitType.F64;
        };
    }
}
