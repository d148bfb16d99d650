package ai.wippy.runtime.engine;

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

    /** Whether instances will run compiled code (false: the interpreter). */
    boolean runsCompiled() {
        return options.mode() != EngineMode.INTERPRETER && loaded.compiled() != null;
    }

    @Override
    public Execution instantiate(ExecutionConfig config) {
        long cap = config.memoryLimitBytes() > 0 ? config.memoryLimitBytes() : options.defaultMemoryBytes();
        return CoreExecution.start(this, loaded, runsCompiled() ? loaded.compiled() : null, config, cap,
                options.interpreterInterruptChecks());
    }
}
