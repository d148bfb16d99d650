package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.types.FuncType;
import java.util.List;

/** Java implementations of a component's imported functions, found by import name and path. */
@FunctionalInterface
public interface HostImports {

    /** A call into the host: the lifted arguments in, the result value (null for none) out. */
    @FunctionalInterface
    interface HostCall {
        Object call(List<Object> args);
    }

    HostImports NONE = (name, path, type) -> null;

    /**
     * The implementation of function {@code path} of import {@code importName} ({@code path} empty
     * when the import is the function itself), or null when the host provides none: calls to it then
     * trap with {@code unresolved host import}.
     */
    HostCall resolve(String importName, List<String> path, FuncType type);

    /** An owned handle of a host resource was dropped by the guest (its destructor, if the host has one). */
    default void dropped(ai.wippy.runtime.wit.ResourceType type, int rep) {
    }

    /** The execution ends: whatever the host still keeps for the guest is released. */
    default void close() {
    }

    /** The name unresolved-import messages use: {@code iface#func} or {@code iface#inner#func}. */
    static String qualifiedName(String importName, List<String> path) {
        return path.isEmpty() ? importName : importName + "#" + String.join("#", path);
    }
}
