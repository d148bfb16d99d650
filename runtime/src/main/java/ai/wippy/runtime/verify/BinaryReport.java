package ai.wippy.runtime.verify;

import ai.wippy.runtime.engine.BinaryKind;
import ai.wippy.runtime.registry.WasmEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BinaryInspector} found for one WASM entry.
 *
 * @param file     the binary, or null when it could not be located
 * @param actual   {@code sha256:<hex>} of the file, or null when it could not be read
 * @param kind     core module or component, or null when unknown
 * @param problems what is wrong with it (empty: the entry's binary is fine)
 */
public record BinaryReport(WasmEntry entry, Path file, String actual, BinaryKind kind, List<String> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean hashMatches() {
        return actual != null && actual.equals(entry.hash());
    }
}
