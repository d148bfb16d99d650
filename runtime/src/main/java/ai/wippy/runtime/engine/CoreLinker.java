package ai.wippy.runtime.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links a core module's imports: {@code wasi_snapshot_preview1} functions to our WASI host, every
 * other function import to a stub that traps with {@code unresolved host import "<module>.<name>"}
 * when called (instantiation itself succeeds, as in Wippy). Memory, table, global and tag imports
 * have no provider and fail instantiation with a message naming them.
 */
final class CoreLinker {

    static final String WASI_MODULE = "wasi_snapshot_preview1";

    private CoreLinker() {
    }

    static ImportValues link(WasmModule module, List<HostFunction> wasiFunctions) {
        Map<String, HostFunction> wasi = new HashMap<>();
        for (HostFunction f : wasiFunctions) {
            wasi.put(f.module() + "." + f.name(), f);
        }
        ImportValues.Builder b = ImportValues.builder();
        var is = module.importSection();
        for (int i = 0; i < is.importCount(); i++) {
            Import imp = is.getImport(i);
            String qualified = imp.module() + "." + imp.name();
            if (imp.importType() != ExternalType.FUNCTION) {
                throw new WasmCallException(WasmCallException.Reason.LINK, "the module imports "
                        + imp.importType().name().toLowerCase() + " \"" + qualified
                        + "\", which no host provides; only function imports can be linked");
            }
            FunctionType type = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            HostFunction provided = wasi.get(qualified);
            if (provided != null && provided.functionType().equals(type)) {
                b.addFunction(provided);
            } else {
                b.addFunction(trappingStub(imp.module(), imp.name(), type, provided != null));
            }
        }
        return b.build();
    }

    private static HostFunction trappingStub(String module, String name, FunctionType type, boolean typeMismatch) {
        String message = typeMismatch
                ? "host import \"" + module + "." + name + "\" is declared with type " + type
                        + ", which does not match WASI preview 1"
                : "unresolved host import \"" + module + "." + name + "\"";
        return new HostFunction(module, name, type, (instance, args) -> {
            throw new WasmCallException(WasmCallException.Reason.LINK, message);
        });
    }
}
