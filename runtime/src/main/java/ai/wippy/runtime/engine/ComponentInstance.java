package ai.wippy.runtime.engine;

import ai.wippy.runtime.abi.CanonicalAbi;
import ai.wippy.runtime.abi.GuestAllocator;
import ai.wippy.runtime.abi.GuestMemory;
import ai.wippy.runtime.abi.StringEncoding;
import ai.wippy.runtime.component.plan.CanonOptions;
import ai.wippy.runtime.component.plan.ComponentPlan;
import ai.wippy.runtime.component.plan.CoreRef;
import ai.wippy.runtime.component.plan.FuncRef;
import ai.wippy.runtime.component.plan.Step;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One instantiation of a {@link ComponentPlan}: its core instances, lowered functions and resource
 * built-ins, and the per-component-instance state the canonical ABI keeps (may-enter, may-leave,
 * poisoned after a trap). Instantiating is running the plan's steps in order; nothing is looked
 * up by name that the plan did not already resolve, except Chicory's own export lookups.
 */
final class ComponentInstance {

    /** Per component instance (the root and every nested instantiation). */
    static final class State {
        boolean mayEnter = true;
        boolean mayLeave = true;
        boolean poisoned;
    }

    /** How each core instance is made: the engine's per-instance set-up (memory cap, interrupts, compiled code). */
    @FunctionalInterface
    interface CoreInstantiator {
        Instance instantiate(int module, ImportValues imports);
    }

    private final ComponentPlan plan;
    private final Instance[] core;
    private final WasmFunctionHandle[] lowered;
    private final WasmFunctionHandle[] intrinsics;
    private final State[] states;
    private final HostImports host;

    private ComponentInstance(ComponentPlan plan, HostImports host) {
        this.plan = plan;
        this.host = host;
        this.core = new Instance[plan.coreInstances()];
        this.lowered = new WasmFunctionHandle[plan.loweredFunctions()];
        this.intrinsics = new WasmFunctionHandle[plan.intrinsics()];
        this.states = new State[plan.componentInstances()];
        for (int i = 0; i < states.length; i++) {
            states[i] = new State();
        }
    }

    static ComponentInstance instantiate(ComponentPlan plan, HostImports host, CoreInstantiator instantiator) {
        ComponentInstance ci = new ComponentInstance(plan, host);
        for (Step step : plan.steps()) {
            if (step instanceof Step.InstantiateModule m) {
                ci.core[m.instance()] = instantiator.instantiate(m.module(), ci.imports(m));
            } else if (step instanceof Step.Lower l) {
                ci.lowered[l.index()] = ci.lowering(l);
            } else if (step instanceof Step.Intrinsic in) {
                ci.intrinsics[in.index()] = ci.intrinsic(in);
            }
            // DefineResource: resources get their handle tables with the resource work
        }
        return ci;
    }

    ComponentPlan plan() {
        return plan;
    }

    // ------------------------------------------------------------------ linking core instances

    private ImportValues imports(Step.InstantiateModule m) {
        ImportValues.Builder b = ImportValues.builder();
        for (Step.Binding binding : m.imports()) {
            CoreExtern type = binding.type();
            if (type instanceof CoreExtern.Func f) {
                b.addFunction(new HostFunction(binding.module(), binding.name(), functionType(f),
                        function(binding.source())));
            } else if (type instanceof CoreExtern.Memory) {
                b.addMemory(new ImportMemory(binding.module(), binding.name(), memory(binding.source())));
            } else if (type instanceof CoreExtern.Table) {
                b.addTable(new ImportTable(binding.module(), binding.name(), table(binding.source())));
            } else if (type instanceof CoreExtern.Global) {
                b.addGlobal(new ImportGlobal(binding.module(), binding.name(), global(binding.source())));
            } else {
                throw new ComponentTrap("core tags (exception handling) are not supported in components");
            }
        }
        return b.build();
    }

    static FunctionType functionType(CoreExtern.Func f) {
        List<ValType> params = new ArrayList<>();
        f.params().forEach(p -> params.add(valType(p)));
        List<ValType> results = new ArrayList<>();
        f.results().forEach(r -> results.add(valType(r)));
        return FunctionType.of(params, results);
    }

    private static ValType valType(ai.wippy.runtime.component.ast.CoreTypes.ValType v) {
        return switch (v) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case FUNCREF -> ValType.FuncRef;
            case EXTERNREF -> ValType.ExternRef;
        };
    }

    /** The callable behind a core function reference (resolved now; its target exists by plan order). */
    private WasmFunctionHandle function(CoreRef ref) {
        if (ref instanceof CoreRef.Lowered l) {
            return lowered[l.index()];
        }
        if (ref instanceof CoreRef.Intrinsic i) {
            return intrinsics[i.index()];
        }
        CoreRef.Export e = (CoreRef.Export) ref;
        ExportFunction f = core[e.instance()].export(e.name());
        return (instance, args) -> f.apply(args);
    }

    private Memory memory(CoreRef ref) {
        CoreRef.Export e = (CoreRef.Export) ref;
        return core[e.instance()].exports().memory(e.name());
    }

    private TableInstance table(CoreRef ref) {
        CoreRef.Export e = (CoreRef.Export) ref;
        return core[e.instance()].exports().table(e.name());
    }

    private GlobalInstance global(CoreRef ref) {
        CoreRef.Export e = (CoreRef.Export) ref;
        return core[e.instance()].exports().global(e.name());
    }

    // ------------------------------------------------------------------ calls

    /** Calls a function the component exports, with already coerced arguments. */
    Object call(FuncRef func, List<Object> args) {
        if (func instanceof FuncRef.Imported imp) {
            return callHost(imp, args);
        }
        FuncRef.Lifted f = (FuncRef.Lifted) func;
        State state = states[f.componentInstance()];
        if (state.poisoned) {
            throw new ComponentTrap("cannot enter component instance: it trapped before and may not be entered again");
        }
        if (!state.mayEnter) {
            throw new ComponentTrap("cannot enter component instance: it is already running (reentrance)");
        }
        state.mayEnter = false;
        try {
            WitFunction signature = signature(f.type());
            Abi abi = abi(f.options(), state);
            long[] coreArgs = CanonicalAbi.lowerArguments(signature, args, abi.memory, abi.allocator, abi.encoding);
            long[] results = function(f.core()).apply(null, coreArgs);
            Object value = CanonicalAbi.liftResults(signature, results == null ? new long[0] : results, abi.memory,
                    abi.encoding);
            if (f.options().postReturn() != null) {
                state.mayLeave = false;
                try {
                    function(f.options().postReturn()).apply(null, results == null ? new long[0] : results);
                } finally {
                    state.mayLeave = true;
                }
            }
            return value;
        } catch (RuntimeException | Error e) {
            state.poisoned = true;
            throw e;
        } finally {
            state.mayEnter = true;
        }
    }

    private Object callHost(FuncRef.Imported imp, List<Object> args) {
        ComponentPlan.Import declared = plan.imports().get(imp.importIndex());
        HostImports.HostCall call = host.resolve(declared.name(), imp.path(), imp.type());
        if (call == null) {
            throw new WasmCallException(WasmCallException.Reason.LINK, "unresolved host import \""
                    + HostImports.qualifiedName(declared.name(), imp.path()) + "\"");
        }
        return call.call(args);
    }

    /** A {@code canon lower}: the core function core code calls to reach {@code l.callee()}. */
    private WasmFunctionHandle lowering(Step.Lower l) {
        State state = states[l.componentInstance()];
        WitFunction signature = signature(l.type());
        return (instance, coreArgs) -> {
            if (!state.mayLeave) {
                throw new ComponentTrap("cannot leave component instance: calling an import is not allowed here");
            }
            Abi abi = abi(l.options(), state);
            List<Object> args = CanonicalAbi.liftArguments(signature, coreArgs, abi.memory, abi.encoding);
            Object result = call(l.callee(), args);
            List<Object> results = l.type().result() == null ? List.of() : java.util.Collections.singletonList(result);
            int retptr = coreArgs.length == 0 ? 0 : (int) coreArgs[coreArgs.length - 1];
            return CanonicalAbi.lowerResults(signature, results, abi.memory, abi.allocator, retptr, abi.encoding);
        };
    }

    private WasmFunctionHandle intrinsic(Step.Intrinsic in) {
        return (instance, args) -> {
            throw new ComponentTrap("resources are not supported yet: " + in.kind());
        };
    }

    private record Abi(GuestMemory memory, GuestAllocator allocator, StringEncoding encoding) {
    }

    private Abi abi(CanonOptions o, State state) {
        GuestMemory memory = o.memory() == null ? null : new ChicoryGuestMemory(memory(o.memory()));
        GuestAllocator allocator = null;
        if (o.realloc() != null) {
            WasmFunctionHandle realloc = function(o.realloc());
            allocator = (oldPtr, oldSize, align, newSize) -> {
                boolean before = state.mayLeave;
                state.mayLeave = false;
                try {
                    return (int) realloc.apply(null, oldPtr, oldSize, align, newSize)[0];
                } finally {
                    state.mayLeave = before;
                }
            };
        }
        StringEncoding encoding = switch (o.encoding()) {
            case UTF8 -> StringEncoding.UTF8;
            case UTF16 -> StringEncoding.UTF16;
            case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
        };
        return new Abi(memory, allocator, encoding);
    }

    static WitFunction signature(FuncType t) {
        List<WitFunction.Param> params = new ArrayList<>();
        t.params().forEach(p -> params.add(new WitFunction.Param(p.name(), p.type())));
        List<WitType> results = t.result() == null ? List.of() : List.of(t.result());
        return new WitFunction("func", params, results);
    }

    static Function<Instance, Object> unused() {
        return null;
    }
}
