package ai.wippy.runtime.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * Whether a module parsed without Chicory's validator would run differently from a validated one.
 *
 * <p>Chicory's validator does more than check: it writes type hints into some instructions,
 * {@code drop} and {@code select} of a {@code v128} value and the GC casts ({@code ref.test},
 * {@code br_on_cast}, …). Everything else of a module parses the same with or without it. So a
 * module with no {@code v128} anywhere (no SIMD instruction, no {@code v128} parameter, result, local,
 * global or block type) and no GC instruction needs no hint, and skipping validation changes nothing
 * but the time it takes (70% of parsing an 11 MB componentize-js module). The check is conservative:
 * an operand that merely looks like {@code v128} counts.
 */
final class ValidatorHints {

    private static final int GC_PREFIX = 0xFB;
    private static final int SIMD_PREFIX = 0xFD;

    private ValidatorHints() {
    }

    /** True when {@code module}, parsed without validation, lacks hints the validator would have written. */
    static boolean needed(WasmModule module) {
        for (FunctionType t : module.typeSection().types()) {
            if (t != null && (anyV128(t.params()) || anyV128(t.returns()))) {
                return true;
            }
        }
        for (Global g : module.globalSection().globals()) {
            if (isV128(g.valueType())) {
                return true;
            }
        }
        boolean importedV128 = module.importSection().stream()
                .anyMatch(i -> i instanceof GlobalImport g && isV128(g.type()));
        if (importedV128) {
            return true;
        }
        for (FunctionBody body : module.codeSection().functionBodies()) {
            if (anyV128(body.localTypes())) {
                return true;
            }
            for (AnnotatedInstruction ins : body.instructions()) {
                if (needsHint(ins)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean needsHint(AnnotatedInstruction ins) {
        OpCode op = ins.opcode();
        int prefix = op.opcode() >> 8;
        if (prefix == GC_PREFIX || prefix == SIMD_PREFIX) {
            return true; // every GC and SIMD instruction: such modules are validated whole
        }
        return switch (op) {
            // block types and select's type list: a value type code or a type index (already covered)
            case BLOCK, LOOP, IF, SELECT_T -> {
                for (long operand : ins.operands()) {
                    if (operand == ValType.ID.V128) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private static boolean anyV128(java.util.List<ValType> types) {
        for (ValType t : types) {
            if (isV128(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isV128(ValType t) {
        return t.opcode() == ValType.ID.V128;
    }
}
