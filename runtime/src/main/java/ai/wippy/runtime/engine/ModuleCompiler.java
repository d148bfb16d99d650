package ai.wippy.runtime.engine;

import com.dylibso.chicory.compiler.Cache;
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
 * the on-disk cache when there is a usable one. Functions too large for a JVM method fall back to
 * the interpreter silently (Chicory's own choice; they still honour interruption, see
 * {@link CoreExecution}).
 *
 * <p>A cached entry that verifies but that Chicory cannot load (a {@code ClassFormatError} or
 * {@code VerifyError}, say) is evicted and the module compiled again, and the fresh result
 * stored: a bad entry never turns into a permanent interpreter fallback. A module that genuinely
 * fails to compile runs interpreted, and the failure is logged as a warning.
 */
final class ModuleCompiler {

    private final CompiledCodeCache diskCache;
    private final Consumer<String> debug;
    private final Consumer<String> warn;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    ModuleCompiler(CompiledCodeCache diskCache, Consumer<String> debug, Consumer<String> warn) {
        this.diskCache = diskCache;
        this.debug = debug;
        this.warn = warn;
    }

    /** True when compiled code for this module is already on disk (loading it is cheap). */
    boolean cachedOnDisk(LoadedModule m) {
        return cachedOnDisk(m.module.digest());
    }

    /** True when compiled code for the module of this Chicory digest is on disk. */
    boolean cachedOnDisk(String chicoryDigest) {
        return diskCache != null && diskCache.usable()
                && java.nio.file.Files.isRegularFile(diskCache.fileFor(chicoryDigest));
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
                } catch (Throwable e) {
                    m.compileFailed(String.valueOf(e.getMessage()));
                    warn.accept("compiling WASM module " + m.sha256 + " failed, it runs in the (slower) interpreter: " + e);
                } finally {
                    f.complete(null);
                }
            }, "wippy-compile-" + m.sha256.substring(0, 12));
            t.setDaemon(true);
            t.start();
            return f;
        });
    }

    /**
     * Waits, at most {@code max}, for the compilations still running in the background to finish,
     * so their code reaches the compiled-code cache before the JVM exits: a large module that ran
     * interpreted in a short build is then loaded compiled by the next one. Nothing to wait for
     * without a usable disk cache. Returns how many were still running when the wait began.
     */
    int awaitBackgroundCompilations(java.time.Duration max, Consumer<String> info) {
        if (diskCache == null || !diskCache.usable()) {
            return 0;
        }
        java.util.List<CompletableFuture<Void>> running = inFlight.values().stream().filter(f -> !f.isDone()).toList();
        if (running.isEmpty()) {
            return 0;
        }
        info.accept("finishing the compilation of " + running.size() + " large WASM module"
                + (running.size() == 1 ? "" : "s") + " for the compiled-code cache, so the next run loads "
                + (running.size() == 1 ? "it" : "them") + " compiled (-Dwippy.cache=false to skip)");
        long deadline = System.nanoTime() + max.toNanos();
        for (CompletableFuture<Void> f : running) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break; // a failure was reported where it happened; past the bound, the JVM may leave it
            }
        }
        return running.size();
    }

    private Function<Instance, Machine> compile(LoadedModule m) {
        long start = System.nanoTime();
        CompiledCodeCache cache = diskCache != null && diskCache.usable() ? diskCache : null;
        Function<Instance, Machine> factory;
        String source;
        if (cache == null) {
            m.validateIfSkipped();
            factory = chicory(m, null);
            source = "compiled it (no compiled-code cache: " + (diskCache == null ? "wippy.cache=false)"
                    : diskCache.directory() + " is not used, see the warning)");
        } else {
            Lookup lookup = new Lookup(cache, m);
            try {
                factory = chicory(m, lookup);
            } catch (LinkageError | RuntimeException e) {
                if (!lookup.served) {
                    throw e; // compiling failed, not loading: no cache entry is to blame
                }
                cache.evict(m.module.digest(), "Chicory could not load it: " + e);
                m.validateIfSkipped();
                factory = chicory(m, cache); // compiles, and stores the fresh result
                lookup.served = false;
            }
            source = lookup.served ? "loaded it from the compiled-code cache " + cache.directory()
                    : "compiled it (not in the compiled-code cache " + cache.directory() + "; stored there for the next build)";
        }
        debug.accept(String.format("compiled code of WASM module %s: %s in %d ms", m.sha256.substring(0, 12), source,
                (System.nanoTime() - start) / 1_000_000));
        return factory;
    }

    private static Function<Instance, Machine> chicory(LoadedModule m, Cache cache) {
        MachineFactoryCompiler.Builder b = MachineFactoryCompiler.builder(m.module)
                .withInterpreterFallback(InterpreterFallback.SILENT);
        if (cache != null) {
            b.withCache(cache);
        }
        return b.compile();
    }

    /**
     * The cache as one compilation sees it, remembering whether it handed Chicory an entry: only
     * then can a failure be the entry's fault.
     */
    private static final class Lookup implements Cache {
        private final CompiledCodeCache cache;
        private final LoadedModule module;
        private boolean served;

        Lookup(CompiledCodeCache cache, LoadedModule module) {
            this.cache = cache;
            this.module = module;
        }

        @Override
        public byte[] get(String key) {
            byte[] jar = cache.get(key);
            served |= jar != null;
            if (jar == null) {
                module.validateIfSkipped(); // Chicory compiles next: never from bytes nobody validated
            }
            return jar;
        }

        @Override
        public void putIfAbsent(String key, byte[] data) {
            cache.putIfAbsent(key, data);
        }
    }
}
