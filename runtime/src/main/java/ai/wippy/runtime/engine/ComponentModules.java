package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.wasm.FunctionTypeHarmonizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes each core module of a component is loaded as: the module with the two workarounds for
 * Chicory 1.7.5 applied, empty import names renamed ({@link EmptyImportNames}) and one shared type
 * section for all the component's modules ({@link FunctionTypeHarmonizer}, so that
 * {@code call_indirect} through a table shared between core instances type-checks). Keyed by the
 * module's array in the decoded component (the compiler and the plan hand those out).
 */
final class ComponentModules {

    private final Map<byte[], byte[]> loaded = new IdentityHashMap<>();
    private final Map<byte[], byte[]> plain = new IdentityHashMap<>();

    ComponentModules(ComponentAst ast) {
        List<byte[]> originals = new ArrayList<>();
        collect(ast, originals);
        List<byte[]> patched = new ArrayList<>(originals.size());
        for (byte[] m : originals) {
            patched.add(EmptyImportNames.patch(m));
        }
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(patched);
        for (int i = 0; i < originals.size(); i++) {
            plain.put(originals.get(i), patched.get(i));
            loaded.put(originals.get(i), shared.get(i));
        }
    }

    private static void collect(ComponentAst ast, List<byte[]> out) {
        for (Definition d : ast.definitions()) {
            if (d instanceof Definition.CoreModule m) {
                out.add(m.bytes());
            } else if (d instanceof Definition.Component c) {
                collect(c.component(), out);
            }
        }
    }

    /** The bytes to load for {@code original}, a module of the component. */
    byte[] toLoad(byte[] original) {
        byte[] b = loaded.get(original);
        return b != null ? b : EmptyImportNames.patch(original);
    }

    /** The module with only empty import names renamed: what is loaded when {@link #toLoad}'s is refused. */
    byte[] plain(byte[] original) {
        byte[] b = plain.get(original);
        return b != null ? b : EmptyImportNames.patch(original);
    }
}
