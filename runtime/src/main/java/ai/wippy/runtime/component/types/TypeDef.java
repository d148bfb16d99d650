package ai.wippy.runtime.component.types;

/**
 * What an entry of a component's type index space is: a value type, a resource type, or a
 * function, component or instance type. Types are compared structurally, resources by identity.
 */
public sealed interface TypeDef permits ValueTypeDef, ResourceTypeDef, FuncType, ComponentType, InstanceType {

    /** A short description for messages. */
    String describe();
}
