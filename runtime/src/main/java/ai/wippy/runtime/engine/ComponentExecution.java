package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.wasi.GuestInterruptedException;
import ai.wippy.runtime.wasi.WasiExitException;
import ai.wippy.runtime.wit.ArgumentCoercion;
import ai.wippy.runtime.wit.WitFunction;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a component for one process. Methods are world-level exports ({@code compute})
 * or interface functions ({@code ns:pkg/iface@1.0.0#func}, also {@code iface#func}); a bare name
 * that is no world-level export finds the one interface function of that name (SPEC §6).
 */
final class ComponentExecution implements Execution {

    private final ComponentProgram program;
    private final ComponentInstance instance;

    private ComponentExecution(ComponentProgram program, ComponentInstance instance) {
        this.program = program;
        this.instance = instance;
    }

    static ComponentExecution start(ComponentProgram program, ExecutionConfig config, HostImports host) {
        EngineOptions options = program.options();
        long cap = config.memoryLimitBytes() > 0 ? config.memoryLimitBytes() : options.defaultMemoryBytes();
        int capPages = (int) Math.min(Memory.RUNTIME_MAX_PAGES, cap / Memory.PAGE_SIZE);
        ComponentInstance ci = guarded(() -> ComponentInstance.instantiate(program.plan(), host, (module, imports) -> {
            LoadedModule loaded = program.module(module);
            boolean compiled = options.mode() != EngineMode.INTERPRETER && loaded.compiled() != null;
            // compiled code goes with the module it was loaded for; the interpreter needs every body
            Instance.Builder b = Instance.builder(compiled ? loaded.forCompiledCode() : loaded.interpretable())
                    .withImportValues(imports)
                    .withMemoryFactory(limits -> cappedMemory(limits, capPages, cap))
                    // only start sections run at instantiation; Chicory would also call a `_start` export
                    .withStart(false);
            if (compiled) {
                b.withMachineFactory(loaded.compiled());
            } else if (options.interpreterInterruptChecks()) {
                b.withUnsafeExecutionListener((instruction, stack) -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ChicoryInterruptedException("Thread interrupted");
                    }
                });
            }
            return b.build();
        }));
        return new ComponentExecution(program, ci);
    }

    private static Memory cappedMemory(MemoryLimits limits, int capPages, long capBytes) {
        if (limits.initialPages() > capPages) {
            throw new WasmCallException(WasmCallException.Reason.OUT_OF_MEMORY, "the component needs "
                    + (long) limits.initialPages() * Memory.PAGE_SIZE + " bytes of initial memory, more than the "
                    + (long) capPages * Memory.PAGE_SIZE + " bytes its limits allow (limits.memory_bytes)");
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
        ComponentProgram.ExportedFunction f = program.resolve(signature.name());
        return guarded(() -> instance.callFromHost(f.ref(), signature, args));
    }

    /**
     * Drops an own handle the host holds (one an export returned): the resource's destructor runs
     * in the component that defines it. Handles still held when the execution closes are dropped then.
     */
    public void drop(ai.wippy.runtime.wit.ResourceHandle handle) {
        guarded(() -> {
            instance.dropFromHost(handle);
            return null;
        });
    }

    static <T> T guarded(java.util.function.Supplier<T> body) {
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
            throw new WasmCallException(WasmCallException.Reason.TRAP, "wasm trap: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new WasmCallException(WasmCallException.Reason.TRAP, "wasm trap: " + e.getMessage(), e);
        }
    }

    /** Drops every own handle the host still holds (what {@link #close} does; tests observe it before). */
    void dropHeldHandles() {
        instance.dropHeldHandles();
    }

    @Override
    public void close() {
        instance.close();
    }
}
