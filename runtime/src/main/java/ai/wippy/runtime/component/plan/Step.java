package ai.wippy.runtime.component.plan;

import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.wit.ResourceType;
import java.util.List;

/** One thing to do, in order, when a plan is instantiated. */
public sealed interface Step {

    /** Instantiates plan module {@code module} as core instance {@code instance}, each import bound. */
    record InstantiateModule(int instance, int module, List<Binding> imports, int componentInstance) implements Step {
        public InstantiateModule {
            imports = List.copyOf(imports);
        }
    }

    record Binding(String module, String name, CoreExtern type, CoreRef source) {
    }

    /** Defines lowered function {@code index}: {@code callee} seen from core code through {@code options}. */
    record Lower(int index, FuncRef callee, CanonOptions options, FuncType type, int componentInstance) implements Step {
    }

    enum IntrinsicKind { RESOURCE_NEW, RESOURCE_DROP, RESOURCE_REP }

    /** Defines built-in {@code index} for a resource type of component instance {@code componentInstance}. */
    record Intrinsic(int index, IntrinsicKind kind, ResourceType resource, int componentInstance) implements Step {
    }

    /** A resource type a component defines: its destructor (or null) and the instance that owns it. */
    record DefineResource(ResourceType resource, CoreRef destructor, int componentInstance) implements Step {
    }
}
