package ai.wippy.runtime.engine;

import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.wasip2.WasiHost;
import ai.wippy.runtime.component.plan.ComponentPlan;
import ai.wippy.runtime.component.plan.FuncRef;
import ai.wippy.runtime.component.types.FuncType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component as a {@link Program}: decoded, validated and compiled into a {@link ComponentPlan}
 * once; its core modules loaded through the engine like plain core modules (same compile policy,
 * same compiled-code caches). Every process gets a fresh {@link ComponentExecution}.
 */
final class ComponentProgram implements Program {

    private final String name;
    private final String sha256;
    private final ComponentPlan plan;
    private final LoadedModule[] modules;
    private final EngineOptions options;
    private final Map<String, ExportedFunction> functions;

    /** A callable export: {@code name} is {@code func} or {@code interface#func}. */
    record ExportedFunction(String name, FuncRef ref) {
        FuncType type() {
            return ref.type();
        }
    }

    ComponentProgram(String name, String sha256, ComponentPlan plan, LoadedModule[] modules, EngineOptions options) {
        this.name = name;
        this.sha256 = sha256;
        this.plan = plan;
        this.modules = modules;
        this.options = options;
        Map<String, ExportedFunction> fns = new LinkedHashMap<>();
        plan.exports().forEach((n, e) -> collect(n, e, fns));
        this.functions = Collections.unmodifiableMap(fns);
    }

    private static void collect(String name, ComponentPlan.Export e, Map<String, ExportedFunction> out) {
        if (e instanceof ComponentPlan.FuncExport f) {
            out.put(name, new ExportedFunction(name, f.func()));
        } else if (e instanceof ComponentPlan.InstanceExport i) {
            i.exports().forEach((n, inner) -> collect(name + "#" + n, inner, out));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BinaryKind kind() {
        return BinaryKind.COMPONENT;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public List<String> exportedFunctions() {
        List<String> names = new ArrayList<>(functions.keySet());
        Collections.sort(names);
        return names;
    }

    @Override
    public boolean importsWasi() {
        return false;
    }

    ComponentPlan plan() {
        return plan;
    }

    LoadedModule module(int index) {
        return modules[index];
    }

    EngineOptions options() {
        return options;
    }

    Map<String, ExportedFunction> functions() {
        return functions;
    }

    @Override
    public ai.wippy.runtime.wit.WitFunction signature(String method, String wit) {
        ExportedFunction f = resolve(method);
        return ComponentInstance.signature(f.name(), f.type());
    }

    /**
     * The export {@code method} names: a world-level export ({@code compute}) or an interface function
     * ({@code ns:pkg/iface@1.0.0#func}, also {@code iface#func}); a bare name that is no world-level
     * export finds the one interface function of that name (SPEC §6).
     */
    ExportedFunction resolve(String method) {
        ExportedFunction f = functions.get(method);
        if (f != null) {
            return f;
        }
        List<ExportedFunction> candidates = new ArrayList<>();
        for (ExportedFunction e : functions.values()) {
            String n = e.name();
            int hash = n.lastIndexOf('#');
            if (hash < 0) {
                continue;
            }
            String iface = n.substring(0, hash);
            String func = n.substring(hash + 1);
            if (func.equals(method) || (method.endsWith("#" + func) && matchesInterface(iface,
                    method.substring(0, method.length() - func.length() - 1)))) {
                candidates.add(e);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new WasmCallException(WasmCallException.Reason.EXPORT_NOT_FOUND, "export \"" + method
                    + "\" not found in component; exported functions: " + String.join(", ", exportedFunctions()));
        }
        throw new WasmCallException(WasmCallException.Reason.EXPORT_NOT_FOUND, "export \"" + method
                + "\" is ambiguous in the component; name one of: "
                + String.join(", ", candidates.stream().map(ExportedFunction::name).toList()));
    }

    /** {@code test-sleep} matches {@code ns:pkg/test-sleep@1.0.0}; a full name must match exactly. */
    private static boolean matchesInterface(String exported, String asked) {
        if (exported.equals(asked)) {
            return true;
        }
        String bare = exported;
        int slash = bare.lastIndexOf('/');
        if (slash >= 0) {
            bare = bare.substring(slash + 1);
        }
        int at = bare.indexOf('@');
        if (at >= 0) {
            bare = bare.substring(0, at);
        }
        return bare.equals(asked);
    }

    @Override
    public Execution instantiate(ExecutionConfig config) {
        // WASI first: a Java host interface cannot shadow wasi:* (and a guest's grants stay what its entry says)
        return ComponentExecution.start(this, config, HostImports.firstOf(
                new WasiHost(config.wasi(), config.grantedImports()), new JavaHostImports(config.hosts())));
    }
}
