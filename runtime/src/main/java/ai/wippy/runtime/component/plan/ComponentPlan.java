package ai.wippy.runtime.component.plan;

import ai.wippy.runtime.component.types.ExternType;
import ai.wippy.runtime.component.types.ModuleType;
import ai.wippy.runtime.component.types.TypeDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component compiled once into what instantiating it takes (as wasmtime does): every nested
 * component instantiation inlined, every index resolved, every argument type-checked. Instantiating
 * is then running {@link #steps} in order. Immutable; shared by every process of the component.
 */
public record ComponentPlan(List<Module> modules, List<Step> steps, int coreInstances, int loweredFunctions,
        int intrinsics, int componentInstances, List<Import> imports, Map<String, Export> exports) {

    public ComponentPlan {
        modules = List.copyOf(modules);
        steps = List.copyOf(steps);
        imports = List.copyOf(imports);
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    /** A core module of the component (nested at any depth), as bytes with its type. */
    public record Module(byte[] bytes, ModuleType type, String name) {
    }

    /**
     * What the host must provide, by name. {@code implementsName}: the interface an instance import
     * says it implements ({@code (import "primary" (implements "w:kv/store") (instance …))}), or null;
     * a host may provide that interface under the import's own name.
     */
    public record Import(String name, ExternType type, String implementsName) {
        public Import(String name, ExternType type) {
            this(name, type, null);
        }
    }

    /** What the component offers. */
    public sealed interface Export {
    }

    public record FuncExport(FuncRef func) implements Export {
    }

    public record InstanceExport(Map<String, Export> exports) implements Export {
        public InstanceExport {
            exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        }
    }

    public record TypeExport(TypeDef def) implements Export {
    }

    /** A component or core module export: nothing a host can call. */
    public record OpaqueExport(String what) implements Export {
    }
}
