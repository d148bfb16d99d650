package ai.wippy.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * A parsed and validated core module plus, once available, its compiled machine factory. Chicory
 * ties a compiled factory to the very {@link WasmModule} object it was compiled from, so the two
 * live together here and are shared by every instance of the module.
 */
final class LoadedModule {

    final String sha256;
    final WasmModule module;
    final long sizeBytes;
    private volatile Function<Instance, Machine> compiled;
    private volatile String compileFailure;

    LoadedModule(String sha256, WasmModule module, long sizeBytes) {
        this.sha256 = sha256;
        this.module = module;
        this.sizeBytes = sizeBytes;
    }

    Function<Instance, Machine> compiled() {
        return compiled;
    }

    void compiled(Function<Instance, Machine> factory) {
        this.compiled = factory;
    }

    String compileFailure() {
        return compileFailure;
    }

    void compileFailed(String message) {
        this.compileFailure = message;
    }
}
