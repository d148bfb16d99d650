package ai.wippy.runtime.engine;

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
 */
final class JavaHostImports implements HostImports {

    private final HostInterfaces hosts;

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
                plain.add(WitValues.toPlain(type.params().get(i).type(), args.get(i)));
            }
            Object result = f.call(java.util.Collections.unmodifiableList(plain));
            if (type.result() == null) {
                return null;
            }
            try {
                return ArgumentCoercion.coerceValue(type.result(), result);
            } catch (WippyException e) {
                throw new WasmCallException(WasmCallException.Reason.TRAP, "host function \"" + qualified
                        + "\" returned a value that does not fit " + type.result() + ": " + e.getMessage());
            }
        };
    }
}
