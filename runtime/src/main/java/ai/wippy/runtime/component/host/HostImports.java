package ai.wippy.runtime.component.host;

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

    /**
     * Hosts asked in order: the first that implements a function serves it. Drops and the end of the
     * execution reach every host (each knows its own resources by type and rep).
     */
    static HostImports firstOf(HostImports... hosts) {
        List<HostImports> all = List.of(hosts);
        return new HostImports() {
            @Override
            public HostCall resolve(String importName, List<String> path, FuncType type) {
                for (HostImports h : all) {
                    HostCall c = h.resolve(importName, path, type);
                    if (c != null) {
                        return c;
                    }
                }
                return null;
            }

            @Override
            public void dropped(ai.wippy.runtime.wit.ResourceType type, int rep) {
                all.forEach(h -> h.dropped(type, rep));
            }

            @Override
            public void close() {
                RuntimeException first = null;
                for (HostImports h : all) {
                    try {
                        h.close();
                    } catch (RuntimeException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
            }
        };
    }

    /** The name unresolved-import messages use: {@code iface#func} or {@code iface#inner#func}. */
    static String qualifiedName(String importName, List<String> path) {
        return path.isEmpty() ? importName : importName + "#" + String.join("#", path);
    }
}
