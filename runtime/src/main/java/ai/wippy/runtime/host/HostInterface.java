package ai.wippy.runtime.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An interface the host implements for components that import it, e.g. {@code test:minimal/host}
 * with {@code add(a, b)}. The name is a WIT interface name, with a version or without; imports are
 * matched as wasmtime matches them (see {@link HostInterfaces#find}).
 *
 * <pre>{@code
 * HostInterface host = HostInterface.named("test:minimal/host@0.1.0")
 *         .function("add", args -> (Integer) args.get(0) + (Integer) args.get(1))
 *         .build();
 * }</pre>
 */
public final class HostInterface {

    private final InterfaceName name;
    private final Map<String, HostFunction> functions;

    private HostInterface(InterfaceName name, Map<String, HostFunction> functions) {
        this.name = name;
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    public static Builder named(String name) {
        return new Builder(InterfaceName.parse(name));
    }

    public InterfaceName name() {
        return name;
    }

    /** The function {@code name} (as the guest imports it, e.g. {@code add} or {@code [method]r.get}), or null. */
    public HostFunction function(String name) {
        return functions.get(name);
    }

    public Map<String, HostFunction> functions() {
        return functions;
    }

    @Override
    public String toString() {
        return name.toString();
    }

    public static final class Builder {
        private final InterfaceName name;
        private final Map<String, HostFunction> functions = new LinkedHashMap<>();

        private Builder(InterfaceName name) {
            this.name = name;
        }

        public Builder function(String name, HostFunction f) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(f, "f");
            if (functions.put(name, f) != null) {
                throw new IllegalArgumentException("function " + name + " is defined twice in " + this.name);
            }
            return this;
        }

        public HostInterface build() {
            return new HostInterface(name, functions);
        }
    }
}
