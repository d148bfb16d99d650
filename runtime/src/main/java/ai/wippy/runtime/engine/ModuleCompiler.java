package ai.wippy.runtime.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compiles core modules to JVM bytecode with Chicory's runtime compiler, once per module, through
 * the on-disk cache when there is one. Functions too large for a JVM method fall back to the
 * interpreter silently (Chicory's own choice, logged at debug level by the caller).
 */
final class ModuleCompiler {

    private final CompiledCodeCache diskCache;
    private final Consumer<String> debug;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    ModuleCompiler(CompiledCodeCache diskCache, Consumer<String> debug) {
        this.diskCache = diskCache;
        this.debug = debug;
    }

    /** True when compiled code for this module is already on disk (loading it is cheap). */
    boolean cachedOnDisk(LoadedModule m) {
        return diskCache != null && java.nio.file.Files.exists(diskCache.fileFor(m.module.digest()));
    }

    /**
     * Waits for the module's compilation (started now unless already under way). The wait is
     * interruptible: a process whose deadline passes while its module compiles ends at once, and the
     * compilation finishes in the background for the next run.
     */
    void compileNow(LoadedModule m) {
        if (m.compiled() != null) {
            return;
        }
        try {
            compileInBackground(m).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmCallException(WasmCallException.Reason.INTERRUPTED, "interrupted while compiling", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("compilation failed", e.getCause());
        }
    }

    /** Starts compiling on a daemon thread (at most once per module); the module runs interpreted meanwhile. */
    CompletableFuture<Void> compileInBackground(LoadedModule m) {
        if (m.compiled() != null) {
            return CompletableFuture.completedFuture(null);
        }
        return inFlight.computeIfAbsent(m.sha256, k -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    m.compiled(compile(m));
                    f.complete(null);
                } catch (Throwable e) {
                    m.compileFailed(String.valueOf(e.getMessage()));
                    debug.accept("compiling " + m.sha256 + " failed, it runs interpreted: " + e);
                    f.complete(null);
                }
            }, "wippy-compile-" + m.sha256.substring(0, 12));
            t.setDaemon(true);
            t.start();
            return f;
        });
    }

    private Function<Instance, Machine> compile(LoadedModule m) {
        long start = System.nanoTime();
        MachineFactoryCompiler.Builder b = MachineFactoryCompiler.builder(m.module)
                .withInterpreterFallback(InterpreterFallback.SILENT);
        if (diskCache != null) {
            b.withCache(diskCache);
        }
        Function<Instance, Machine> factory;
        try {
            factory = b.compile();
        } catch (RuntimeException e) {
            if (diskCache == null) {
                throw e;
            }
            // A corrupt or foreign cache entry: drop it and compile in memory.
            diskCache.evict(m.module.digest());
            factory = MachineFactoryCompiler.builder(m.module)
                    .withInterpreterFallback(InterpreterFallback.SILENT).compile();
        }
        debug.accept(String.format("compiled %s in %d ms", m.sha256.substring(0, 12),
                (System.nanoTime() - start) / 1_000_000));
        return factory;
    }
}
