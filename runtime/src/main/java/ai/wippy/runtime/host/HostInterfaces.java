package ai.wippy.runtime.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Java host interfaces a runtime offers to components, found by import name. Immutable. */
public final class HostInterfaces {

    public static final HostInterfaces NONE = new HostInterfaces(List.of());

    private final List<HostInterface> interfaces;

    private HostInterfaces(List<HostInterface> interfaces) {
        this.interfaces = List.copyOf(interfaces);
    }

    public static HostInterfaces of(List<HostInterface> interfaces) {
        for (int i = 0; i < interfaces.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (interfaces.get(i).name().equals(interfaces.get(j).name())) {
                    throw new IllegalArgumentException("host interface " + interfaces.get(i).name() + " is registered twice");
                }
            }
        }
        return new HostInterfaces(interfaces);
    }

    public List<HostInterface> all() {
        return interfaces;
    }

    /**
     * The interface serving an import named {@code importName}: the exact name first, else the
     * highest compatible version (wasmtime's semver matching: {@code @0.2.3} is served by
     * {@code @0.2.12}, {@code @1.0.0} by {@code @1.4.0}, never across 0.x minors or pre-releases).
     */
    public Optional<HostInterface> find(String importName) {
        InterfaceName wanted;
        try {
            wanted = InterfaceName.parse(importName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        HostInterface best = null;
        for (HostInterface h : interfaces) {
            if (h.name().equals(wanted)) {
                return Optional.of(h);
            }
            if (h.name().serves(wanted) && (best == null || (h.name().version() != null
                    && h.name().version().compareTo(best.name().version()) > 0))) {
                best = h;
            }
        }
        return Optional.ofNullable(best);
    }

    public HostInterfaces with(HostInterface h) {
        List<HostInterface> all = new ArrayList<>(interfaces);
        all.add(h);
        return of(all);
    }
}
