package ai.wippy.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * A parsed and validated core module plus, once available, its compiled machine factory. Chicory
 * ties a compiled factory to the very {@link WasmModule} object it was compiled from, so the two
 * live together here and are shared by every instance of the module.
 *
 * <p>A module whose compiled code came from the cache is parsed with the bodies of its compiled
 * functions stubbed ({@link CachedModuleParser}): {@link #module} then serves planning (types,
 * imports, exports), compiled instances are built from {@link #forCompiledCode()}, which has the
 * bodies of the interpreted functions too, and an instance that runs in the interpreter takes
 * {@link #interpretable()}, the module parsed whole.
 */
final class LoadedModule {

    final String sha256;
    final WasmModule module;
    final long sizeBytes;
    private volatile Function<Instance, Machine> compiled;
    private volatile String compileFailure;

    private final java.util.concurrent.CompletableFuture<WasmModule> forCompiledCode;
    /** The module's bytes while only its stubbed version is parsed; null once parsed whole. */
    private byte[] bytesForInterpreter;
    private WasmModule whole;

    LoadedModule(String sha256, WasmModule module, long sizeBytes) {
        this.sha256 = sha256;
        this.module = module;
        this.sizeBytes = sizeBytes;
        this.whole = module;
        this.forCompiledCode = java.util.concurrent.CompletableFuture.completedFuture(module);
    }

    private LoadedModule(String sha256, CachedModuleParser.Parsed parsed, byte[] bytes,
            Function<Instance, Machine> compiled) {
        this.sha256 = sha256;
        this.module = parsed.shape();
        this.sizeBytes = bytes.length;
        this.forCompiledCode = parsed.complete();
        this.compiled = compiled;
        this.bytesForInterpreter = bytes;
    }

    /** A module parsed with stubbed bodies, with the cached code compiled from the whole module. */
    static LoadedModule fromCachedCode(String sha256, CachedModuleParser.Parsed parsed, byte[] bytes,
            Function<Instance, Machine> compiled) {
        return new LoadedModule(sha256, parsed, bytes, compiled);
    }

    /**
     * The module instances that run {@link #compiled} code are built from: every body the code
     * needs (waits for the interpreted ones still being decoded).
     */
    WasmModule forCompiledCode() {
        try {
            return forCompiledCode.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** True when {@link #module} has stubs for the bodies its compiled code runs. */
    synchronized boolean bodiesStubbed() {
        return whole != module;
    }

    /**
     * The module with every body, for instances that run in the interpreter (an engine in
     * interpreter mode sharing a module another engine loaded from the cache): parsed on first use.
     */
    synchronized WasmModule interpretable() {
        if (whole == null) {
            // as every first load parses a module: the pre-pass, then Chicory's parser and validator
            whole = WasmEngine.parse("module " + sha256.substring(0, 12), bytesForInterpreter);
            bytesForInterpreter = null;
        }
        return whole;
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
