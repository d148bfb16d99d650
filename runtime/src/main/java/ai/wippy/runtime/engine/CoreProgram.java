package ai.wippy.runtime.engine;

import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A core module (WASI preview 1) as a {@link Program}. */
final class CoreProgram implements Program {

    private final String name;
    private final LoadedModule loaded;
    private final EngineOptions options;
    private final List<String> exports;
    private final boolean importsWasi;

    CoreProgram(String name, LoadedModule loaded, EngineOptions options) {
        this.name = name;
        this.loaded = loaded;
        this.options = options;
        var es = loaded.module.exportSection();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < es.exportCount(); i++) {
            if (es.getExport(i).exportType() == ExternalType.FUNCTION) {
                names.add(es.getExport(i).name());
            }
        }
        Collections.sort(names);
        this.exports = List.copyOf(names);
        var is = loaded.module.importSection();
        boolean wasi = false;
        for (int i = 0; i < is.importCount(); i++) {
            wasi |= CoreLinker.WASI_MODULE.equals(is.getImport(i).module());
        }
        this.importsWasi = wasi;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BinaryKind kind() {
        return BinaryKind.CORE_MODULE;
    }

    @Override
    public String sha256() {
        return loaded.sha256;
    }

    @Override
    public List<String> exportedFunctions() {
        return exports;
    }

    @Override
    public boolean importsWasi() {
        return importsWasi;
    }

    com.dylibso.chicory.wasm.WasmModule module() {
        return loaded.module;
    }

    /** Whether the module was parsed without the bodies of its compiled functions, its code being cached. */
    boolean bodiesStubbed() {
        return loaded.bodiesStubbed();
    }

    /** The module instances are built from: every body compiled code or the interpreter needs. */
    com.dylibso.chicory.wasm.WasmModule moduleForInstances() {
        return runsCompiled() ? loaded.forCompiledCode() : loaded.interpretable();
    }

    /** Whether instances will run compiled code (false: the interpreter). */
    boolean runsCompiled() {
        return options.mode() != EngineMode.INTERPRETER && loaded.compiled() != null;
    }

    private final java.util.concurrent.ConcurrentHashMap<String, ai.wippy.runtime.wit.WitFunction> signatures =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public ai.wippy.runtime.wit.WitFunction signature(String method, String wit) {
        String key = method + "\u0000" + (wit == null ? "" : wit);
        ai.wippy.runtime.wit.WitFunction known = signatures.get(key);
        if (known != null) {
            return known;
        }
        if (!exports.contains(method)) {
            throw new WasmCallException(WasmCallException.Reason.EXPORT_NOT_FOUND, "export \"" + method
                    + "\" not found in module; exported functions: " + String.join(", ", exports));
        }
        ai.wippy.runtime.wit.WitFunction f = CoreExecution.signatureOf(method, wit, exportType(method));
        signatures.putIfAbsent(key, f);
        return f;
    }

    private com.dylibso.chicory.wasm.types.FunctionType exportType(String method) {
        var es = loaded.module.exportSection();
        for (int i = 0; i < es.exportCount(); i++) {
            var e = es.getExport(i);
            if (e.name().equals(method) && e.exportType() == ExternalType.FUNCTION) {
                int funcIndex = e.index();
                int imported = loaded.module.importSection().count(ExternalType.FUNCTION);
                return funcIndex < imported
                        ? loaded.module.typeSection().getType(
                                ((com.dylibso.chicory.wasm.types.FunctionImport) functionImport(funcIndex)).typeIndex())
                        : loaded.module.functionSection().getFunctionType(funcIndex - imported, loaded.module.typeSection());
            }
        }
        throw new WasmCallException(WasmCallException.Reason.EXPORT_NOT_FOUND, "export \"" + method + "\" not found");
    }

    private com.dylibso.chicory.wasm.types.Import functionImport(int funcIndex) {
        var is = loaded.module.importSection();
        int n = 0;
        for (int i = 0; i < is.importCount(); i++) {
            var imp = is.getImport(i);
            if (imp.importType() == ExternalType.FUNCTION && n++ == funcIndex) {
                return imp;
            }
        }
        throw new IllegalStateException("no function import " + funcIndex);
    }

    @Override
    public Execution instantiate(ExecutionConfig config) {
        long cap = config.memoryLimitBytes() > 0 ? config.memoryLimitBytes() : options.defaultMemoryBytes();
        return CoreExecution.start(this, loaded, runsCompiled() ? loaded.compiled() : null, config, cap,
                options.interpreterInterruptChecks());
    }
}
