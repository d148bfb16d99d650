package ai.wippy.runtime.engine;

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
    public Execution instantiate(ExecutionConfig config) {
        return ComponentExecution.start(this, config, HostImports.NONE);
    }
}
