package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.host.HostFunction;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.wit.ArgumentCoercion;
import ai.wippy.runtime.wit.WitValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Components' imports served by the runtime's Java {@link HostInterface}s: an instance import
 * {@code ns:pkg/iface@v} by the interface of that name (or a compatible version), each function by
 * name; a function imported at the top level by an interface named like the function, holding it.
 * Values cross in the SPEC §6.1 form; a result that does not fit the WIT type traps the guest.
 *
 * <p>Resources the hosts define are Java objects: one a host function returns as an {@code own<R>}
 * is kept here under a fresh rep and the guest gets a handle to it; the guest's handles come back to
 * host functions as that object. When the guest drops its handle (or passes it back as an own) the
 * object leaves this table; a dropped {@link AutoCloseable} is closed, and so is every one still
 * here when the execution ends.
 */
final class JavaHostImports implements HostImports {

    /** A host's object behind a handle, with the resource type it was given out as. */
    private record HostObject(ai.wippy.runtime.wit.ResourceType type, Object value) {
    }

    private final HostInterfaces hosts;
    private final java.util.Map<Integer, HostObject> objects = new java.util.HashMap<>();
    private int nextRep = 1;

    JavaHostImports(HostInterfaces hosts) {
        this.hosts = hosts;
    }

    @Override
    public HostCall resolve(String importName, List<String> path, FuncType type) {
        if (path.size() > 1) {
            return null;
        }
        HostInterface host = hosts.find(importName).orElse(null);
        if (host == null) {
            return null;
        }
        String function = path.isEmpty() ? importName : path.get(0);
        HostFunction f = host.function(function);
        if (f == null) {
            return null;
        }
        String qualified = HostImports.qualifiedName(importName, path);
        return args -> {
            List<Object> plain = new ArrayList<>(args.size());
            for (int i = 0; i < args.size(); i++) {
                plain.add(WitValues.toPlain(type.params().get(i).type(), args.get(i), this::objectOf));
            }
            Object result = f.call(java.util.Collections.unmodifiableList(plain));
            if (type.result() == null) {
                return null;
            }
            try {
                return ArgumentCoercion.coerceValue(type.result(), result, this::handleFor);
            } catch (WippyException e) {
                throw new WasmCallException(WasmCallException.Reason.TRAP, "host function \"" + qualified
                        + "\" returned a value that does not fit " + type.result() + ": " + e.getMessage());
            }
        };
    }

    /** A handle the guest passes: the host's object behind it, or the handle itself (a component's resource). */
    private Object objectOf(ai.wippy.runtime.wit.ResourceHandle h) {
        HostObject o = objects.get(h.rep());
        if (o == null || o.type().runtime() != h.type().runtime()) {
            return h;
        }
        if (h.owned()) {
            objects.remove(h.rep()); // the guest gives it back: the host owns the object again
        }
        return o.value();
    }

    /** An object a host function returns as an own: kept under a fresh rep, the guest gets a handle. */
    private ai.wippy.runtime.wit.ResourceHandle handleFor(ai.wippy.runtime.wit.ResourceType type, Object value) {
        while (nextRep == 0 || objects.containsKey(nextRep)) {
            nextRep++;
        }
        int rep = nextRep++;
        objects.put(rep, new HostObject(type, value));
        return new ai.wippy.runtime.wit.ResourceHandle(type, rep, true);
    }

    @Override
    public void dropped(ai.wippy.runtime.wit.ResourceType type, int rep) {
        HostObject o = objects.get(rep);
        if (o != null && o.type().runtime() == type.runtime()) {
            objects.remove(rep);
            closeQuietly(o.value());
        }
    }

    @Override
    public void close() {
        List<HostObject> left = new ArrayList<>(objects.values());
        objects.clear();
        left.forEach(o -> closeQuietly(o.value()));
    }

    private static void closeQuietly(Object value) {
        if (value instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // a host's cleanup that fails cannot change what the guest did
            }
        }
    }
}
