package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.plan.CoreRef;
import ai.wippy.runtime.component.plan.FuncRef;
import ai.wippy.runtime.component.types.ComponentType;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.ExternType;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.types.InstanceType;
import ai.wippy.runtime.component.types.ModuleType;
import ai.wippy.runtime.component.types.TypeDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry of an index space while a component is compiled: its type, and where it comes from at
 * run time ({@code ref}/{@code module} are null or -1 for items of a component that is only being
 * validated, whose imports are abstract).
 */
sealed interface Item {

    // ---------------------------------------------------------------- core

    /** A core function, table, memory, global or tag. */
    record Core(CoreExtern type, CoreRef ref) implements Item {
    }

    record CoreInstance(Map<String, Core> exports) implements Item {
        public CoreInstance {
            exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        }
    }

    record CoreModule(ModuleType type, int module) implements Item {
    }

    /**
     * A core type: a function type or a module type. {@code nonFinal}: the function type is a GC
     * {@code (sub (func …))}, a type of its own that module types here cannot use.
     */
    record CoreTypeItem(CoreExtern.Func func, ModuleType module, boolean nonFinal) implements Item {
        CoreTypeItem(CoreExtern.Func func, ModuleType module) {
            this(func, module, false);
        }
    }

    // ---------------------------------------------------------------- component

    record Func(FuncType type, FuncRef ref) implements Item {
    }

    record Instance(Map<String, Item> exports) implements Item {
        public Instance {
            exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        }

        InstanceType type() {
            Map<String, ExternType> types = new LinkedHashMap<>();
            exports.forEach((name, item) -> types.put(name, Item.externType(item)));
            return new InstanceType(types);
        }
    }

    record Component(ComponentType type, ComponentAst ast, Scope enclosing) implements Item {
    }

    record Type(TypeDef def) implements Item {
    }

    /** The extern type of an item that can be imported or exported. */
    static ExternType externType(Item item) {
        if (item instanceof Func f) {
            return new ExternType.Func(f.type());
        }
        if (item instanceof Instance i) {
            return new ExternType.Instance(i.type());
        }
        if (item instanceof Component c) {
            return new ExternType.Component(c.type());
        }
        if (item instanceof Type t) {
            return new ExternType.Type(t.def(), false);
        }
        if (item instanceof CoreModule m) {
            return new ExternType.Module(m.type());
        }
        throw new IllegalArgumentException("not an extern item: " + item);
    }

    static CoreTypes.ValType[] none() {
        return new CoreTypes.ValType[0];
    }
}
