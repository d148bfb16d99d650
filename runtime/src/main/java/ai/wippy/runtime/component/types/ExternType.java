package ai.wippy.runtime.component.types;

/** The type of an import or export of a component or instance. */
public sealed interface ExternType {

    String describe();

    record Module(ModuleType type) implements ExternType {
        @Override
        public String describe() {
            return "core module";
        }
    }

    record Func(FuncType type) implements ExternType {
        @Override
        public String describe() {
            return type.describe();
        }
    }

    /**
     * A type import/export. {@code subResource}: declared {@code (sub resource)}, so any resource
     * type fits (the def is then a fresh {@link ResourceTypeDef} standing for it); otherwise
     * {@code (eq def)}.
     */
    record Type(TypeDef def, boolean subResource) implements ExternType {
        @Override
        public String describe() {
            return subResource ? "type (sub resource)" : "type " + def.describe();
        }
    }

    record Component(ComponentType type) implements ExternType {
        @Override
        public String describe() {
            return "component";
        }
    }

    record Instance(InstanceType type) implements ExternType {
        @Override
        public String describe() {
            return "instance";
        }
    }
}
