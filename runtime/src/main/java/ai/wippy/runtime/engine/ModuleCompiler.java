package ai.wippy.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compiles core modules to JVM bytecode with Chicory's runtime compiler, once per module, and
 * stores the code in the on-disk cache when there is a usable one; {@link #cached} reads it back
 * (the engine loads cached code when it parses a module, see {@link WasmEngine}). Functions too
 * large for a JVM method fall back to the interpreter silently (Chicory's own choice; they still
 * honour interruption, see {@link CoreExecution}).
 *
 * <p>A cached entry that fails its checks, or whose code the JVM refuses, is evicted and the
 * module compiled again, and the fresh result stored: a bad entry never turns into a permanent
 * interpreter fallback. A module that genuinely fails to compile runs interpreted, and the failure
 * is logged as a warning.
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
        return cachedOnDisk(WasmEngine.chicoryDigest(m.sha256));
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

    /**
     * The compiled code the disk cache holds for the module of this Chicory digest, or null (none,
     * or an entry that failed its checks and was evicted).
     */
    CompiledCode cached(String chicoryDigest) {
        if (diskCache == null || !diskCache.usable()) {
            return null;
        }
        byte[] stored = diskCache.get(chicoryDigest);
        if (stored == null) {
            return null;
        }
        try {
            return CompiledCode.decode(stored);
        } catch (CacheEntry.Invalid e) {
            diskCache.evict(chicoryDigest, e.getMessage());
            return null;
        }
    }

    /** Drops the cache entry of this digest: its code could not be used (the JVM refused it, say). */
    void evict(String chicoryDigest, String reason) {
        if (diskCache != null) {
            diskCache.evict(chicoryDigest, reason);
        }
    }

    private Function<Instance, Machine> compile(LoadedModule m) {
        if (m.bodiesStubbed()) {
            throw new IllegalStateException("a module with stubbed bodies is never compiled");
        }
        long start = System.nanoTime();
        CompiledCodeCache cache = diskCache != null && diskCache.usable() ? diskCache : null;
        String digest = WasmEngine.chicoryDigest(m.sha256);
        // parsed whole while nothing was cached (by an engine in interpreter mode, say), cached since
        CompiledCode stored = cachedOnDisk(digest) ? cached(digest) : null;
        if (stored != null) {
            try {
                Function<Instance, Machine> factory = stored.machineFactory();
                debug.accept(String.format("compiled code of WASM module %s: loaded it from the compiled-code cache %s in %d ms",
                        m.sha256.substring(0, 12), cache.directory(), (System.nanoTime() - start) / 1_000_000));
                return factory;
            } catch (LinkageError e) {
                evict(digest, "the JVM refused its code: " + e);
            }
        }
        CompiledCode.Compiled compiled = CompiledCode.compile(m.module);
        String source;
        if (cache == null) {
            source = "compiled it (no compiled-code cache: " + (diskCache == null ? "wippy.cache=false)"
                    : diskCache.directory() + " is not used, see the warning)");
        } else {
            cache.putIfAbsent(digest, compiled.code().encode());
            source = "compiled it (not in the compiled-code cache " + cache.directory() + "; stored there for the next build)";
        }
        debug.accept(String.format("compiled code of WASM module %s: %s in %d ms", m.sha256.substring(0, 12), source,
                (System.nanoTime() - start) / 1_000_000));
        return compiled.factory();
    }
}
