package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.component.plan.CanonOptions;
import ai.wippy.runtime.component.plan.ComponentPlan;
import ai.wippy.runtime.component.plan.CoreRef;
import ai.wippy.runtime.component.plan.FuncRef;
import ai.wippy.runtime.component.plan.Step;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.types.ModuleType;
import ai.wippy.runtime.wit.ResourceType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Collects the steps of a plan as compilation goes; numbers instances and functions. */
final class PlanBuilder {

    final List<ComponentPlan.Module> modules = new ArrayList<>();
    private final Map<Definition.CoreModule, Integer> moduleIndex = new IdentityHashMap<>();
    final List<Step> steps = new ArrayList<>();
    int coreInstances;
    int lowered;
    int intrinsics;
    int componentInstances;
    /** Whether the steps are the plan's (false: a definition only validated, its steps thrown away). */
    final boolean forRunning;

    PlanBuilder(boolean forRunning) {
        this.forRunning = forRunning;
    }

    /** A builder whose steps are thrown away. */
    PlanBuilder() {
        this(false);
    }

    int module(Definition.CoreModule def, ModuleType type, String name) {
        return moduleIndex.computeIfAbsent(def, d -> {
            modules.add(new ComponentPlan.Module(d.bytes(), type, name));
            return modules.size() - 1;
        });
    }

    int instantiate(int module, List<Step.Binding> imports, int componentInstance) {
        int slot = coreInstances++;
        steps.add(new Step.InstantiateModule(slot, module, imports, componentInstance));
        return slot;
    }

    int lower(FuncRef callee, CanonOptions options, FuncType type, int componentInstance) {
        int slot = lowered++;
        steps.add(new Step.Lower(slot, callee, options, type, componentInstance));
        return slot;
    }

    int intrinsic(Step.IntrinsicKind kind, ResourceType resource, int componentInstance) {
        int slot = intrinsics++;
        steps.add(new Step.Intrinsic(slot, kind, resource, componentInstance));
        return slot;
    }

    void defineResource(ResourceType resource, CoreRef destructor, int componentInstance) {
        steps.add(new Step.DefineResource(resource, destructor, componentInstance));
    }

    int newComponentInstance() {
        return componentInstances++;
    }

    /** Whether a referenced item is real (not an abstract stand-in of a component only validated). */
    static boolean real(CoreRef ref) {
        return ref != null;
    }
}
