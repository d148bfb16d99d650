package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.abi.Direction;
import ai.wippy.runtime.abi.FunctionPlan;
import ai.wippy.runtime.abi.GuestAllocator;
import ai.wippy.runtime.abi.GuestMemory;
import ai.wippy.runtime.abi.StringEncoding;
import ai.wippy.runtime.wasi.GuestInterruptedException;
import ai.wippy.runtime.wasi.WasiExitException;
import ai.wippy.runtime.wasi.WasiPreview1;
import ai.wippy.runtime.wit.ArgumentCoercion;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitSignatures;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One instance of a core module: linked to a fresh WASI host, with its linear memory capped, and
 * an execution listener that makes every interpreted instruction honour thread interruption
 * (Chicory 1.7.5's interpreter checks it only on calls and {@code br}, so a {@code br_if} loop
 * would otherwise never stop). Compiled code checks every back-edge itself; the functions the
 * compiler leaves to its interpreter fallback are interpreted, so they get the listener too.
 */
final class CoreExecution implements Execution {

    private static final List<String> ALLOCATORS = List.of("cabi_realloc", "canonical_abi_realloc", "allocate", "alloc");

    private final CoreProgram program;
    private final Instance instance;
    private final WasiPreview1 wasi;
    private boolean initialized;
    /** Per export signature (the program caches the signature objects): its canonical ABI plan. */
    private final Map<WitFunction, FunctionPlan> plans = new java.util.IdentityHashMap<>(4);
    /** Resolved on first use and kept: exports do not change, nor does the memory object (it grows in place). */
    private final Map<String, ExportFunction> exports = new java.util.HashMap<>();
    private final Map<String, ExportFunction> postReturns = new java.util.HashMap<>();
    private GuestMemory guestMemory;
    private boolean memoryResolved;
    private GuestAllocator allocator;

    private CoreExecution(CoreProgram program, Instance instance, WasiPreview1 wasi) {
        this.program = program;
        this.instance = instance;
        this.wasi = wasi;
    }

    static CoreExecution start(CoreProgram program, LoadedModule loaded, Function<Instance, Machine> compiled,
            ExecutionConfig config, long memoryCapBytes, boolean interruptChecks) {
        // A module that imports no WASI (a pure compute export) gets no WASI host: nothing to set up.
        WasiPreview1 wasi = program.importsWasi() ? new WasiPreview1(config.wasi()) : null;
        try {
            int capPages = (int) Math.min(Memory.RUNTIME_MAX_PAGES, memoryCapBytes / Memory.PAGE_SIZE);
            // compiled code goes with the module it was loaded for; the interpreter needs every body
            com.dylibso.chicory.wasm.WasmModule module = compiled != null ? loaded.forCompiledCode() : loaded.interpretable();
            Instance.Builder b = Instance.builder(module)
                    .withImportValues(CoreLinker.link(module, wasi == null ? List.of() : wasi.hostFunctions()))
                    .withMemoryFactory(limits -> cappedMemory(limits, capPages))
                    .withStart(false);
            if (compiled != null) {
                b.withMachineFactory(compiled);
            }
            if (interruptChecks) {
                // Installed for compiled instances too: functions too large for a JVM method run in the
                // compiler's interpreter fallback, which calls the listener like the interpreter does.
                // Compiled code never calls it, so it costs compiled functions nothing.
                b.withUnsafeExecutionListener(CoreExecution::checkInterrupted);
            }
            Instance instance = guarded(b::build);
            return new CoreExecution(program, instance, wasi);
        } catch (RuntimeException | Error e) {
            if (wasi != null) {
                wasi.close();
            }
            throw e;
        }
    }

    /** Chicory 1.7.5's interpreter checks interruption on calls and {@code br} only, not on {@code br_if}. */
    private static void checkInterrupted(Instruction instruction, MStack stack) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    }

    private static Memory cappedMemory(MemoryLimits limits, int capPages) {
        long needs = (long) limits.initialPages() * Memory.PAGE_SIZE;
        if (limits.initialPages() > Memory.RUNTIME_MAX_PAGES) {
            throw new WasmCallException(WasmCallException.Reason.OUT_OF_MEMORY, "the module needs " + needs
                    + " bytes of initial memory, more than the engine can give a guest (" + EngineOptions.MAX_MEMORY_BYTES
                    + " bytes)");
        }
        if (limits.initialPages() > capPages) {
            throw new WasmCallException(WasmCallException.Reason.OUT_OF_MEMORY, "the module needs " + needs
                    + " bytes of initial memory, more than the " + (long) capPages * Memory.PAGE_SIZE
                    + " bytes its limits allow (limits.memory_bytes)");
        }
        return new ByteArrayMemory(new MemoryLimits(limits.initialPages(),
                Math.min(limits.maximumPages(), capPages), limits.shared()));
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public Object invoke(WitFunction signature, List<Object> args) {
        String method = signature.name();
        ExportFunction function = exportedFunction(method);
        return withStack(() -> {
            FunctionPlan plan = plan(signature);
            initializeReactor(method);
            GuestMemory memory = memory();
            long[] core = plan.lowerArguments(args, memory, allocator(), null);
            long[] results = function.apply(core);
            Object value = plan.liftResults(results == null ? new long[0] : results, memory, null);
            postReturn(method, results);
            return value;
        });
    }

    private FunctionPlan plan(WitFunction signature) {
        FunctionPlan p = plans.get(signature);
        if (p == null) {
            p = FunctionPlan.of(signature, StringEncoding.UTF8, Direction.LIFT);
            plans.put(signature, p);
        }
        return p;
    }

    /** wasi-libc reactors must run {@code _initialize} once before any other export. */
    private void initializeReactor(String method) {
        if (initialized) {
            return;
        }
        initialized = true;
        if (!"_initialize".equals(method) && program.exportedFunctions().contains("_initialize")) {
            instance.export("_initialize").apply();
        }
    }

    private void postReturn(String method, long[] results) {
        ExportFunction post = postReturns.get(method);
        if (post == null && !postReturns.containsKey(method)) {
            String name = "cabi_post_" + method;
            post = program.exportedFunctions().contains(name) ? instance.export(name) : null;
            postReturns.put(method, post);
        }
        if (post != null && results != null) {
            post.apply(results);
        }
    }

    private ExportFunction exportedFunction(String method) {
        ExportFunction known = exports.get(method);
        if (known != null) {
            return known;
        }
        if (!program.exportedFunctions().contains(method)) {
            throw new WasmCallException(WasmCallException.Reason.EXPORT_NOT_FOUND, "export \"" + method
                    + "\" not found in module; exported functions: " + String.join(", ", program.exportedFunctions()));
        }
        ExportFunction f = instance.export(method);
        exports.put(method, f);
        return f;
    }

    static WitFunction signatureOf(String method, String wit, FunctionType coreType) {
        if (wit != null && !wit.isBlank()) {
            Map<String, WitFunction> declared;
            try {
                declared = WitSignatures.parse(wit);
            } catch (WippyException e) {
                throw new WasmCallException(WasmCallException.Reason.ARGUMENT, "invalid wit: " + e.getMessage());
            }
            WitFunction f = declared.get(method);
            if (f == null) {
                throw new WasmCallException(WasmCallException.Reason.ARGUMENT, "wit declares no signature for \""
                        + method + "\"; it declares: " + String.join(", ", declared.keySet()));
            }
            CoreSignatures.checkMatches(f, coreType);
            return f;
        }
        return CoreSignatures.fromCoreType(method, coreType);
    }

    private GuestMemory memory() {
        if (!memoryResolved) {
            Memory m = instance.memory();
            guestMemory = m == null ? null : new ChicoryGuestMemory(m);
            memoryResolved = true;
        }
        return guestMemory;
    }

    private GuestAllocator allocator() {
        if (allocator == null) {
            allocator = findAllocator();
        }
        return allocator;
    }

    private GuestAllocator findAllocator() {
        for (String name : ALLOCATORS) {
            if (program.exportedFunctions().contains(name)) {
                FunctionType t = instance.exportType(name);
                ExportFunction f = instance.export(name);
                return (oldPtr, oldSize, align, newSize) -> {
                    long[] r = switch (t.params().size()) {
                        case 4 -> f.apply(oldPtr, oldSize, align, newSize);
                        case 2 -> f.apply(newSize, align);
                        case 1 -> f.apply(newSize);
                        default -> throw new WasmCallException(WasmCallException.Reason.LINK,
                                "allocator export \"" + name + "\" has an unsupported signature " + t);
                    };
                    return (int) r[0];
                };
            }
        }
        return (oldPtr, oldSize, align, newSize) -> {
            throw new WasmCallException(WasmCallException.Reason.LINK, "the module exports no allocator (one of "
                    + String.join(", ", ALLOCATORS) + "), needed to pass strings and lists");
        };
    }

    /** {@link #guarded}, with the WASM stack of a trap attached for debug output. */
    private <T> T withStack(java.util.function.Supplier<T> body) {
        try {
            return guarded(body);
        } catch (WasmCallException e) {
            if ((e.reason() == WasmCallException.Reason.TRAP || e.reason() == WasmCallException.Reason.STACK_EXHAUSTED)
                    && e.getCause() != null) {
                e.withWasmStack(WasmStack.of(e.getCause(), program.module()));
            }
            throw e;
        }
    }

    /** Runs guest code and turns every way it can fail into a {@link WasmCallException}. */
    private static <T> T guarded(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (WasmCallException e) {
            throw e;
        } catch (WasiExitException e) {
            throw WasmCallException.exit(e.exitCode());
        } catch (ChicoryInterruptedException | GuestInterruptedException e) {
            throw new WasmCallException(WasmCallException.Reason.INTERRUPTED, "interrupted", e);
        } catch (StackOverflowError e) {
            throw new WasmCallException(WasmCallException.Reason.STACK_EXHAUSTED, "call stack exhausted", e);
        } catch (OutOfMemoryError e) {
            throw new WasmCallException(WasmCallException.Reason.OUT_OF_MEMORY,
                    "out of memory: the guest needs more heap than the JVM has left", e);
        } catch (ChicoryException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WasmCallException(WasmCallException.Reason.INTERRUPTED, "interrupted", e);
            }
            String m = String.valueOf(e.getMessage());
            if (m.contains("call stack exhausted")) {
                throw new WasmCallException(WasmCallException.Reason.STACK_EXHAUSTED, "call stack exhausted", e);
            }
            throw new WasmCallException(WasmCallException.Reason.TRAP, "wasm trap: " + m, e);
        } catch (RuntimeException e) {
            throw new WasmCallException(WasmCallException.Reason.TRAP, "wasm trap: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (wasi != null) {
            wasi.close();
        }
    }
}
