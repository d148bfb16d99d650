package ai.wippy.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * A parsed (and validated, see {@link #validateIfSkipped}) core module plus, once available, its compiled machine factory. Chicory
 * ties a compiled factory to the very {@link WasmModule} object it was compiled from, so the two
 * live together here and are shared by every instance of the module.
 */
final class LoadedModule {

    final String sha256;
    final WasmModule module;
    final long sizeBytes;
    private volatile Function<Instance, Machine> compiled;
    private volatile String compileFailure;

    /** The bytes of a module parsed without validation (its compiled code was cached), until validated. */
    private byte[] unvalidated;
    private volatile String invalid;

    LoadedModule(String sha256, WasmModule module, long sizeBytes) {
        this(sha256, module, sizeBytes, null);
    }

    LoadedModule(String sha256, WasmModule module, long sizeBytes, byte[] unvalidated) {
        this.sha256 = sha256;
        this.module = module;
        this.sizeBytes = sizeBytes;
        this.unvalidated = unvalidated;
    }

    /** True while the module was parsed without Chicory's validator (its compiled code is cached). */
    synchronized boolean validationSkipped() {
        return unvalidated != null;
    }

    /**
     * Runs Chicory's validator over a module parsed without it, before anything is compiled from it;
     * throws what the validator throws. Its hints are not needed ({@link ValidatorHints}), so the
     * module parsed first stays the one in use.
     */
    synchronized void validateIfSkipped() {
        if (unvalidated != null) {
            try {
                com.dylibso.chicory.wasm.Parser.parse(unvalidated);
            } catch (com.dylibso.chicory.wasm.ChicoryException e) {
                invalid = e.getMessage();
                throw e;
            } finally {
                unvalidated = null;
            }
        }
    }

    /** What the validator said of a module parsed without it, once validated and refused; else null. */
    String invalid() {
        return invalid;
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
