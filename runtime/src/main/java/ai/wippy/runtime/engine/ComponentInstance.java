package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.abi.Direction;
import ai.wippy.runtime.abi.FunctionPlan;
import ai.wippy.runtime.abi.GuestAllocator;
import ai.wippy.runtime.abi.GuestMemory;
import ai.wippy.runtime.abi.IdentityCache;
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
        final int index;
        final HandleTable table = new HandleTable();
        boolean mayEnter = true;
        boolean mayLeave = true;
        boolean poisoned;

        State(int index) {
            this.index = index;
        }
    }

    /** One call into a component instance: the borrowed handles it was lent must be dropped before it returns. */
    static final class CallScope {
        int borrows;
    }

    /** A resource type a component defines: the instance implementing it and its destructor (may be null). */
    private record Resource(int implementer, WasmFunctionHandle destructor) {
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
    private final java.util.Map<ai.wippy.runtime.wit.ResourceType, Resource> resources = new java.util.IdentityHashMap<>();
    private final AbiPlans abiPlans;
    /** Per lifted function called: its plan with the memory, realloc and core functions resolved on first use. */
    private final java.util.Map<FuncRef.Lifted, LiftedCall> liftedCalls = new java.util.IdentityHashMap<>(4);

    /**
     * The canonical ABI plans of a component plan: one per {@code canon lower} and per lifted
     * function, compiled when the first process instantiates it and shared by every later one.
     */
    private static final IdentityCache<ComponentPlan, AbiPlans> ABI_PLANS = new IdentityCache<>(256);

    static final class AbiPlans {
        private final FunctionPlan[] lowers;
        private final java.util.Map<FuncRef.Lifted, FunctionPlan> lifted = new java.util.IdentityHashMap<>();
        /** Lifted functions the plan does not reach through its steps or exports (none expected). */
        private final IdentityCache<FuncRef.Lifted, FunctionPlan> others = new IdentityCache<>(1024);

        AbiPlans(ComponentPlan plan) {
            lowers = new FunctionPlan[plan.loweredFunctions()];
            for (Step step : plan.steps()) {
                if (step instanceof Step.Lower l) {
                    try {
                        lowers[l.index()] = FunctionPlan.compile(signature(l.type()), encoding(l.options()), Direction.LOWER);
                    } catch (RuntimeException e) {
                        // compiled (and failing) at the call instead: instantiating must not fail for it
                    }
                    addLifted(l.callee());
                }
            }
            plan.exports().values().forEach(this::addExport);
        }

        private void addExport(ComponentPlan.Export e) {
            if (e instanceof ComponentPlan.FuncExport f) {
                addLifted(f.func());
            } else if (e instanceof ComponentPlan.InstanceExport i) {
                i.exports().values().forEach(this::addExport);
            }
        }

        private void addLifted(FuncRef ref) {
            if (ref instanceof FuncRef.Lifted f && !lifted.containsKey(f)) {
                try {
                    lifted.put(f, compileLifted(f));
                } catch (RuntimeException e) {
                    // compiled (and failing) at the call instead
                }
            }
        }

        private static FunctionPlan compileLifted(FuncRef.Lifted f) {
            return FunctionPlan.compile(signature(f.type()), encoding(f.options()), Direction.LIFT);
        }

        FunctionPlan lower(Step.Lower l) {
            FunctionPlan p = lowers[l.index()];
            return p != null ? p : FunctionPlan.compile(signature(l.type()), encoding(l.options()), Direction.LOWER);
        }

        FunctionPlan lifted(FuncRef.Lifted f) {
            FunctionPlan p = lifted.get(f);
            return p != null ? p : others.get(f, AbiPlans::compileLifted);
        }
    }
    /**
     * Own handles of resources a component defines that the host holds (returned by an export, or
     * passed to a host function), counted: a guest may give two live resources the same rep. They
     * are dropped by {@link #dropFromHost} or, at the end, by {@link #dropHeldHandles}.
     */
    private final java.util.Map<ai.wippy.runtime.wit.ResourceHandle, Integer> held = new java.util.LinkedHashMap<>();

    private ComponentInstance(ComponentPlan plan, HostImports host) {
        this.plan = plan;
        this.host = host;
        this.abiPlans = ABI_PLANS.get(plan, AbiPlans::new);
        this.core = new Instance[plan.coreInstances()];
        this.lowered = new WasmFunctionHandle[plan.loweredFunctions()];
        this.intrinsics = new WasmFunctionHandle[plan.intrinsics()];
        this.states = new State[plan.componentInstances()];
        for (int i = 0; i < states.length; i++) {
            states[i] = new State(i);
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
            } else if (step instanceof Step.DefineResource r) {
                // the destructor is resolved when first needed: its core instance may come later
                ci.resources.put(r.resource().runtime(), new Resource(r.componentInstance(),
                        r.destructor() == null ? null : (instance, args) -> ci.function(r.destructor()).apply(instance, args)));
            }
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
            String field = EmptyImportNames.linkedName(binding.module(), binding.name());
            if (type instanceof CoreExtern.Func f) {
                b.addFunction(new HostFunction(binding.module(), field, functionType(f), function(binding.source())));
            } else if (type instanceof CoreExtern.Memory) {
                b.addMemory(new ImportMemory(binding.module(), binding.name(), memory(binding.source())));
            } else if (type instanceof CoreExtern.Table) {
                b.addTable(new ImportTable(binding.module(), binding.name(), table(binding.source())));
            } else if (type instanceof CoreExtern.Global) {
                b.addGlobal(new ImportGlobal(binding.module(), binding.name(), global(binding.source())));
            } else {
                b.addTag(new com.dylibso.chicory.runtime.ImportTag(binding.module(), binding.name(), tag(binding.source())));
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

    private com.dylibso.chicory.runtime.TagInstance tag(CoreRef ref) {
        CoreRef.Export e = (CoreRef.Export) ref;
        Instance inst = core[e.instance()];
        var es = inst.module().exportSection();
        for (int i = 0; i < es.exportCount(); i++) {
            var export = es.getExport(i);
            if (export.name().equals(e.name()) && export.exportType() == com.dylibso.chicory.wasm.types.ExternalType.TAG) {
                return inst.tag(export.index());
            }
        }
        throw new ComponentTrap("core instance exports no tag named " + e.name());
    }

    private GlobalInstance global(CoreRef ref) {
        CoreRef.Export e = (CoreRef.Export) ref;
        return core[e.instance()].exports().global(e.name());
    }

    // ------------------------------------------------------------------ calls

    /**
     * The host calls an export: the own handles it passes must be ones it holds (they move into the
     * component), and those the export returns are held from now on.
     */
    Object callFromHost(FuncRef func, WitFunction signature, List<Object> args) {
        List<ai.wippy.runtime.wit.ResourceHandle> given = new ArrayList<>();
        for (int i = 0; i < args.size() && i < signature.params().size(); i++) {
            OwnHandles.forEach(signature.params().get(i).type(), args.get(i), h -> {
                if (definedHere(h)) {
                    given.add(h);
                }
            });
        }
        java.util.Map<ai.wippy.runtime.wit.ResourceHandle, Integer> needed = new java.util.HashMap<>();
        for (ai.wippy.runtime.wit.ResourceHandle h : given) {
            needed.merge(h, 1, Integer::sum);
        }
        needed.forEach((h, n) -> {
            if (held.getOrDefault(h, 0) < n) {
                throw new WasmCallException(WasmCallException.Reason.ARGUMENT, h + " is not a handle the host holds:"
                        + " it was dropped or passed on already");
            }
        });
        given.forEach(this::release);
        Object result = call(func, args);
        if (!signature.results().isEmpty()) {
            OwnHandles.forEach(signature.results().get(0), result, this::hold);
        }
        return result;
    }

    /** The host drops an own handle it holds: the resource's destructor runs in its component. */
    void dropFromHost(ai.wippy.runtime.wit.ResourceHandle h) {
        if (!h.owned() || !definedHere(h) || held.getOrDefault(h, 0) == 0) {
            throw new WasmCallException(WasmCallException.Reason.ARGUMENT, "cannot drop " + h + ": not an own handle"
                    + " of a resource this component defines that the host holds");
        }
        release(h);
        destroy(h.type(), h.rep(), null);
    }

    /**
     * Drops every handle the host still holds, newest first (SPEC 6.1: at Close). A destructor that
     * traps or an instance that cannot be entered leaves the rest to be dropped; an interrupt (the
     * process's deadline) stops it.
     */
    void dropHeldHandles() {
        List<ai.wippy.runtime.wit.ResourceHandle> all = new ArrayList<>();
        held.forEach((h, n) -> {
            for (int i = 0; i < n; i++) {
                all.add(h);
            }
        });
        held.clear();
        for (int i = all.size() - 1; i >= 0 && !Thread.currentThread().isInterrupted(); i--) {
            ai.wippy.runtime.wit.ResourceHandle h = all.get(i);
            try {
                destroy(h.type(), h.rep(), null);
            } catch (RuntimeException e) {
                // the process has its result already; a failing destructor cannot change it
            }
        }
    }

    /** The process ends: the host's handles are dropped, then the hosts release what they keep. */
    void close() {
        try {
            dropHeldHandles();
        } finally {
            host.close();
        }
    }

    private boolean definedHere(ai.wippy.runtime.wit.ResourceHandle h) {
        return resources.containsKey(h.type().runtime());
    }

    private void hold(ai.wippy.runtime.wit.ResourceHandle h) {
        if (definedHere(h)) {
            held.merge(h, 1, Integer::sum);
        }
    }

    private void release(ai.wippy.runtime.wit.ResourceHandle h) {
        held.computeIfPresent(h, (k, n) -> n == 1 ? null : n - 1);
    }

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
        CallScope scope = new CallScope();
        try {
            LiftedCall c = liftedCall(f, state);
            Abi abi = c.abi();
            long[] coreArgs = c.plan.lowerArguments(args, abi.memory, abi.allocator, into(state, scope));
            long[] results = c.core().apply(null, coreArgs);
            if (scope.borrows > 0) {
                throw new ComponentTrap("borrow handles still remain at the end of the call");
            }
            Object value = c.plan.liftResults(results == null ? new long[0] : results, abi.memory, outOf(state, null));
            if (f.options().postReturn() != null) {
                state.mayLeave = false;
                try {
                    c.postReturn().apply(null, results == null ? new long[0] : results);
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

    private LiftedCall liftedCall(FuncRef.Lifted f, State state) {
        LiftedCall c = liftedCalls.get(f);
        if (c == null) {
            c = new LiftedCall(f, abiPlans.lifted(f), state);
            liftedCalls.put(f, c);
        }
        return c;
    }

    /**
     * A lifted function of this instance: its plan, and its memory, realloc, core function and
     * post-return, each resolved when a call first needs it (as a call without the cache would) and
     * kept once resolved.
     */
    private final class LiftedCall {
        final FuncRef.Lifted ref;
        final FunctionPlan plan;
        final State state;
        private Abi abi;
        private WasmFunctionHandle core;
        private WasmFunctionHandle postReturn;

        LiftedCall(FuncRef.Lifted ref, FunctionPlan plan, State state) {
            this.ref = ref;
            this.plan = plan;
            this.state = state;
        }

        Abi abi() {
            if (abi == null) {
                abi = ComponentInstance.this.abi(ref.options(), state);
            }
            return abi;
        }

        WasmFunctionHandle core() {
            WasmFunctionHandle h = core;
            if (h == null) {
                h = function(ref.core());
                core = h;
            }
            return h;
        }

        WasmFunctionHandle postReturn() {
            WasmFunctionHandle h = postReturn;
            if (h == null) {
                h = function(ref.options().postReturn());
                postReturn = h;
            }
            return h;
        }
    }

    /** Values entering component instance {@code to}: own handles join its table, borrows are scoped to the call. */
    private ai.wippy.runtime.abi.ResourceHandles into(State to, CallScope scope) {
        return new ai.wippy.runtime.abi.ResourceHandles() {
            @Override
            public Object lift(WitType t, int index) {
                throw new IllegalStateException("lifting into a callee");
            }

            @Override
            public int lower(WitType t, Object value) {
                ai.wippy.runtime.wit.ResourceType rt = resourceOf(t);
                if (!(value instanceof ai.wippy.runtime.wit.ResourceHandle h) || h.type().runtime() != rt.runtime()) {
                    throw new ComponentTrap("cannot pass " + value + " as " + t);
                }
                if (t instanceof WitType.Own) {
                    if (!h.owned()) {
                        throw new ComponentTrap("cannot pass a borrowed handle as " + t);
                    }
                    return to.table.add(new HandleTable.Entry(rt.runtime(), h.rep(), true, null));
                }
                Resource r = resources.get(rt.runtime());
                if (r != null && r.implementer() == to.index) {
                    return h.rep(); // the implementation sees its own representation
                }
                if (scope == null) {
                    throw new ComponentTrap("a borrow cannot be returned");
                }
                scope.borrows++;
                return to.table.add(new HandleTable.Entry(rt.runtime(), h.rep(), false, scope));
            }
        };
    }

    /** Values leaving component instance {@code from}: own handles leave its table, borrows are lent until the call ends. */
    private ai.wippy.runtime.abi.ResourceHandles outOf(State from, List<HandleTable.Entry> lent) {
        return new ai.wippy.runtime.abi.ResourceHandles() {
            @Override
            public Object lift(WitType t, int index) {
                ai.wippy.runtime.wit.ResourceType rt = resourceOf(t);
                if (t instanceof WitType.Own) {
                    HandleTable.Entry e = from.table.get(index);
                    if (e.type != rt.runtime()) {
                        throw new ComponentTrap("handle index " + index + " is a " + e.type.name() + ", not a " + rt.name());
                    }
                    if (e.lends != 0) {
                        throw new ComponentTrap("cannot remove owned resource while borrowed");
                    }
                    if (!e.own) {
                        throw new ComponentTrap("cannot pass a borrowed handle as " + t);
                    }
                    from.table.remove(index);
                    return new ai.wippy.runtime.wit.ResourceHandle(rt, e.rep, true);
                }
                HandleTable.Entry e = from.table.get(index);
                if (e.type != rt.runtime()) {
                    throw new ComponentTrap("handle index " + index + " is a " + e.type.name() + ", not a " + rt.name());
                }
                if (lent == null) {
                    throw new ComponentTrap("a borrow cannot be returned");
                }
                e.lends++;
                lent.add(e);
                return new ai.wippy.runtime.wit.ResourceHandle(rt, e.rep, false);
            }

            @Override
            public int lower(WitType t, Object value) {
                return into(from, null).lower(t, value);
            }
        };
    }

    private static ai.wippy.runtime.wit.ResourceType resourceOf(WitType t) {
        return t instanceof WitType.Own o ? o.resource() : ((WitType.Borrow) t).resource();
    }

    private Object callHost(FuncRef.Imported imp, List<Object> args) {
        ComponentPlan.Import declared = plan.imports().get(imp.importIndex());
        HostImports.HostCall call = host.resolve(declared.name(), imp.path(), imp.type());
        if (call == null) {
            throw new WasmCallException(WasmCallException.Reason.LINK, "unresolved host import \""
                    + HostImports.qualifiedName(declared.name(), imp.path()) + "\"");
        }
        for (int i = 0; i < args.size() && i < imp.type().params().size(); i++) {
            OwnHandles.forEach(imp.type().params().get(i).type(), args.get(i), this::hold);
        }
        Object result = call.call(args);
        if (imp.type().result() != null) {
            OwnHandles.forEach(imp.type().result(), result, h -> {
                if (definedHere(h)) {
                    if (held.getOrDefault(h, 0) == 0) {
                        throw new ComponentTrap("the host returned " + h + ", a handle it does not hold");
                    }
                    release(h);
                }
            });
        }
        return result;
    }

    private String describe(FuncRef callee) {
        if (callee instanceof FuncRef.Imported imp) {
            return "import \"" + HostImports.qualifiedName(plan.imports().get(imp.importIndex()).name(), imp.path()) + "\"";
        }
        return "another component instance";
    }

    /** A {@code canon lower}: the core function core code calls to reach {@code l.callee()}. */
    private WasmFunctionHandle lowering(Step.Lower l) {
        State state = states[l.componentInstance()];
        FunctionPlan plan = abiPlans.lower(l);
        Abi[] resolved = new Abi[1]; // memory and realloc, resolved at the first call (their instance may come later)
        return (instance, coreArgs) -> {
            if (!state.mayLeave) {
                throw new ComponentTrap("cannot leave component instance: calling " + describe(l.callee())
                        + " is not allowed here (in realloc or post-return)");
            }
            Abi abi = resolved[0];
            if (abi == null) {
                abi = abi(l.options(), state);
                resolved[0] = abi;
            }
            List<HandleTable.Entry> lent = new ArrayList<>();
            Object result;
            try {
                List<Object> args = plan.liftArguments(coreArgs, abi.memory, outOf(state, lent));
                result = call(l.callee(), args);
            } finally {
                for (HandleTable.Entry e : lent) {
                    e.lends--;
                }
            }
            List<Object> results = l.type().result() == null ? List.of() : java.util.Collections.singletonList(result);
            int retptr = coreArgs.length == 0 ? 0 : (int) coreArgs[coreArgs.length - 1];
            return plan.lowerResults(results, abi.memory, abi.allocator, retptr, into(state, null));
        };
    }

    /** {@code resource.new}, {@code resource.drop} and {@code resource.rep} on the calling instance's table. */
    private WasmFunctionHandle intrinsic(Step.Intrinsic in) {
        State state = states[in.componentInstance()];
        ai.wippy.runtime.wit.ResourceType rt = in.resource();
        return switch (in.kind()) {
            case RESOURCE_NEW -> (instance, args) -> {
                if (!state.mayLeave) {
                    throw new ComponentTrap("cannot call resource.new here (may not leave the instance)");
                }
                return new long[] {state.table.add(new HandleTable.Entry(rt.runtime(), (int) args[0], true, null))};
            };
            case RESOURCE_REP -> (instance, args) -> {
                HandleTable.Entry e = state.table.get((int) args[0]);
                if (e.type != rt.runtime()) {
                    throw new ComponentTrap("handle index " + (int) args[0] + " is a " + e.type.name() + ", not a "
                            + rt.name());
                }
                return new long[] {e.rep};
            };
            case RESOURCE_DROP -> (instance, args) -> {
                if (!state.mayLeave) {
                    throw new ComponentTrap("cannot call resource.drop here (may not leave the instance)");
                }
                int index = (int) args[0];
                HandleTable.Entry e = state.table.get(index);
                if (e.type != rt.runtime()) {
                    throw new ComponentTrap("handle index " + index + " is a " + e.type.name() + ", not a " + rt.name());
                }
                if (e.lends != 0) {
                    throw new ComponentTrap("cannot remove owned resource while borrowed");
                }
                state.table.remove(index);
                if (e.own) {
                    destroy(rt, e.rep, state);
                } else {
                    e.scope.borrows--;
                }
                return null;
            };
        };
    }

    /**
     * Runs a dropped owned resource's destructor, entering its implementation if the dropper is
     * another instance or the host ({@code dropper} null).
     */
    private void destroy(ai.wippy.runtime.wit.ResourceType rt, int rep, State dropper) {
        Resource r = resources.get(rt.runtime());
        if (r == null || r.destructor() == null) {
            if (r == null) {
                host.dropped(rt, rep);
            }
            return;
        }
        if (dropper != null && r.implementer() == dropper.index) {
            r.destructor().apply(null, rep);
            return;
        }
        State impl = states[r.implementer()];
        if (impl.poisoned || !impl.mayEnter) {
            throw new ComponentTrap("cannot enter component instance to run a destructor");
        }
        impl.mayEnter = false;
        try {
            r.destructor().apply(null, rep);
        } catch (RuntimeException | Error e) {
            impl.poisoned = true;
            throw e;
        } finally {
            impl.mayEnter = true;
        }
    }

    private record Abi(GuestMemory memory, GuestAllocator allocator) {
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
        return new Abi(memory, allocator);
    }

    private static StringEncoding encoding(CanonOptions o) {
        return switch (o.encoding()) {
            case UTF8 -> StringEncoding.UTF8;
            case UTF16 -> StringEncoding.UTF16;
            case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
        };
    }

    static WitFunction signature(FuncType t) {
        return signature("func", t);
    }

    static WitFunction signature(String name, FuncType t) {
        List<WitFunction.Param> params = new ArrayList<>();
        t.params().forEach(p -> params.add(new WitFunction.Param(p.name(), p.type())));
        List<WitType> results = t.result() == null ? List.of() : List.of(t.result());
        return new WitFunction(name, params, results);
    }

    static Function<Instance, Object> unused() {
        return null;
    }
}
