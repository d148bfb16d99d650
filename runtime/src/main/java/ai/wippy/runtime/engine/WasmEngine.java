package ai.wippy.runtime.engine;

import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.binary.ComponentDecoder;
import ai.wippy.runtime.component.binary.ComponentFormatException;
import ai.wippy.runtime.component.compile.ComponentCompiler;
import ai.wippy.runtime.component.plan.ComponentPlan;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads WASM binaries into {@link Program}s. Parsing, validation and compilation happen once per
 * binary (keyed by its SHA-256) and are shared JVM-wide: the one piece of shared state the runtime
 * has, safe because a parsed module and its compiled code are immutable. Compiled code is also
 * kept on disk when the options name a cache directory.
 */
public final class WasmEngine {

    /** Parsed modules by SHA-256, least recently used first; bounded so a long-lived JVM does not grow. */
    private static final int SHARED_MODULES = 64;
    private static final Map<String, LoadedModule> SHARED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedModule> eldest) {
            return size() > SHARED_MODULES;
        }
    };

    private final EngineOptions options;
    private final ModuleCompiler compiler;
    private final CompiledCodeCache disk;
    private final Consumer<String> debug;

    private WasmEngine(EngineOptions options, Consumer<String> debug, Consumer<String> warn) {
        this.options = options;
        this.debug = debug;
        this.disk = options.cacheDirectory().map(dir -> new CompiledCodeCache(dir, debug, warn)).orElse(null);
        this.compiler = new ModuleCompiler(disk, debug, warn);
    }

    /**
     * An engine that reports what it does to {@code debug} and what the user should know (an unsafe
     * cache directory, a module that could not be compiled) to {@code warn}.
     */
    public static WasmEngine create(EngineOptions options, Consumer<String> debug, Consumer<String> warn) {
        return new WasmEngine(options, debug, warn);
    }

    /**
     * Lets compilations still running in the background (large modules in AUTO mode) finish and
     * reach the compiled-code cache, waiting at most {@code max}; {@code info} hears that it waits.
     */
    public void finishBackgroundCompilations(java.time.Duration max, Consumer<String> info) {
        compiler.awaitBackgroundCompilations(max, info);
    }

    /** An engine that reports warnings to {@code debug} too. */
    public static WasmEngine create(EngineOptions options, Consumer<String> debug) {
        return create(options, debug, debug);
    }

    public static WasmEngine create(EngineOptions options) {
        return create(options, message -> { });
    }

    public EngineOptions options() {
        return options;
    }

    /** Compiled modules this engine loaded from the disk cache instead of compiling. */
    int diskCacheHits() {
        return disk == null ? 0 : disk.hits();
    }

    /** Compiled modules this engine wrote to the disk cache. */
    int diskCacheStores() {
        return disk == null ? 0 : disk.stores();
    }

    /** Disk cache entries this engine dropped because they failed verification or loading. */
    int diskCacheEvictions() {
        return disk == null ? 0 : disk.evictions();
    }

    /** Drops the JVM-wide parsed modules (tests use it to simulate a fresh build). */
    static void forgetSharedModules() {
        synchronized (SHARED) {
            SHARED.clear();
        }
    }

    /** The engine version compiled code is keyed by (with the module's SHA-256). */
    public static String engineVersion() {
        return CompiledCodeCache.ENGINE_VERSION;
    }

    /**
     * Loads a binary. {@code name} is used in messages. Invalid binaries are user errors naming
     * the binary and what is wrong.
     */
    public Program load(String name, byte[] bytes) {
        BinaryKind kind = BinaryKind.detect(name, bytes);
        String sha256 = sha256(bytes);
        if (kind == BinaryKind.COMPONENT) {
            return loadComponent(name, sha256, bytes);
        }
        LoadedModule loaded = sharedModule(name, sha256, bytes);
        prepare(name, loaded, bytes.length);
        return new CoreProgram(name, loaded, options);
    }

    /** Compiles a module as the engine mode says (now, in the background, or not at all). */
    private void prepare(String name, LoadedModule loaded, int size) {
        switch (options.mode()) {
            case COMPILER -> compiler.compileNow(loaded);
            case AUTO -> {
                if (loaded.compiled() == null && loaded.compileFailure() == null) {
                    if (size <= options.syncCompileMaxBytes() || compiler.cachedOnDisk(loaded)) {
                        compiler.compileNow(loaded);
                    } else {
                        debug.accept(name + " is large (" + size + " bytes): it runs interpreted while it"
                                + " compiles in the background");
                        compiler.compileInBackground(loaded);
                    }
                }
            }
            case INTERPRETER -> { }
        }
    }

    private Program loadComponent(String name, String sha256, byte[] bytes) {
        ComponentPlan plan;
        ComponentModules prepared;
        try {
            ComponentAst ast = ComponentDecoder.decode(bytes);
            prepared = new ComponentModules(ast);
            plan = ComponentCompiler.compile(ast, (original, offset) -> {
                try {
                    return ChicoryModuleTypes.of(componentModule(name, prepared, original).module);
                } catch (WippyException e) {
                    throw new ComponentFormatException(ComponentFormatException.Kind.INVALID, offset,
                            "invalid core module: " + e.getMessage());
                }
            });
        } catch (ComponentFormatException e) {
            throw new WippyException(WippyException.Kind.USER, name + ": " + e.getMessage(), e);
        }
        LoadedModule[] modules = new LoadedModule[plan.modules().size()];
        for (int i = 0; i < modules.length; i++) {
            modules[i] = componentModule(name, prepared, plan.modules().get(i).bytes());
            prepare(name + " (core module " + i + ")", modules[i], (int) modules[i].sizeBytes);
        }
        return new ComponentProgram(name, sha256, plan, modules, options);
    }

    /**
     * A core module of a component, as {@link ComponentModules} prepared it; if that version is
     * refused, the module as it came (so a problem is reported on its own bytes and offsets, and a
     * workaround can never make a valid module fail).
     */
    private LoadedModule componentModule(String name, ComponentModules prepared, byte[] original) {
        byte[] module = prepared.toLoad(original);
        byte[] plain = prepared.plain(original);
        if (module == plain) {
            return sharedModule(name, sha256(plain), plain);
        }
        try {
            return sharedModule(name, sha256(module), module);
        } catch (WippyException e) {
            LoadedModule m = sharedModule(name, sha256(plain), plain);
            debug.accept(name + ": a core module with the shared type section was refused (" + e.getMessage()
                    + "); it runs as it came");
            return m;
        }
    }

    private LoadedModule sharedModule(String name, String sha256, byte[] bytes) {
        synchronized (SHARED) {
            LoadedModule m = SHARED.get(sha256);
            if (m != null) {
                return m;
            }
        }
        LoadedModule cached = options.mode() == EngineMode.INTERPRETER ? null : fromCachedCode(name, sha256, bytes);
        LoadedModule fresh = cached != null ? cached : new LoadedModule(sha256, parse(name, bytes), bytes.length);
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(sha256, k -> fresh);
        }
    }

    /** Scans, parses and validates a whole module; invalid ones are user errors. */
    static WasmModule parse(String name, byte[] bytes) {
        try {
            // Chicory allocates by declared sizes and counts before checking them; the scan refuses
            // hostile ones first, with bounded work and memory (the same pre-pass `check` runs)
            ai.wippy.runtime.wasm.CoreModuleScanner.scan(bytes, 0, bytes.length, "the module");
        } catch (ai.wippy.runtime.wasm.MalformedBinaryException e) {
            throw WippyException.user("invalid WebAssembly module " + name + " at offset 0x"
                    + Long.toHexString(e.offset()) + ": " + e.getMessage());
        }
        try {
            return Parser.parse(bytes);
        } catch (ChicoryException e) {
            throw WippyException.user("invalid WebAssembly module " + name + ": " + e.getMessage());
        }
    }

    /**
     * The module with the compiled code the cache holds for it, or null when there is none or it
     * cannot be used (then the module is parsed whole, and compiled as the mode says).
     *
     * <p>Only the bodies of the functions the code runs in the interpreter are read: the others
     * are replaced by stubs before Chicory parses the module (parsing every instruction of an 11 MB
     * module into objects takes seconds). Nor is the module validated again: an entry is compiled
     * code made from exactly these bytes (its header names their digest, in a directory only the
     * user can write), so they passed the pre-pass and the validator when it was made. The one thing
     * the validator adds, type hints in some instructions, is checked for ({@link ValidatorHints}):
     * a module that needs them is validated.
     */
    private LoadedModule fromCachedCode(String name, String sha256, byte[] bytes) {
        long start = System.nanoTime();
        String digest = chicoryDigest(sha256);
        CompiledCode code = compiler.cached(digest);
        if (code == null) {
            return null;
        }
        CachedModuleParser.Parsed parsed;
        try {
            parsed = CachedModuleParser.parse(bytes, code.interpretedFunctions(), code::interpretedBodies);
        } catch (ai.wippy.runtime.wasm.MalformedBinaryException | ChicoryException e) {
            debug.accept(name + ": cached compiled code not used: " + e.getMessage());
            return null; // parsed whole next, which reports what is wrong with the module
        }
        java.util.function.Function<com.dylibso.chicory.runtime.Instance, com.dylibso.chicory.runtime.Machine> factory;
        try {
            factory = code.machineFactory();
        } catch (LinkageError e) {
            compiler.evict(digest, "the JVM refused its code: " + e);
            return null;
        }
        debug.accept(String.format("compiled code of WASM module %s: loaded it from the compiled-code cache %s in %d ms;"
                + " %s parsed without the bodies of its compiled functions", sha256.substring(0, 12), disk.directory(),
                (System.nanoTime() - start) / 1_000_000, name));
        return LoadedModule.fromCachedCode(sha256, parsed, bytes, factory);
    }

    /** Chicory's name for a module's digest ({@link WasmModule#digest()}), from our hex SHA-256. */
    static String chicoryDigest(String sha256Hex) {
        return "sha-256:" + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
