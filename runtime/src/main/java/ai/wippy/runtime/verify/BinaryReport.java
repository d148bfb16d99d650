package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import ai.wippy.runtime.BinaryKind;
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
 * @param warnings what the check could not fully do (the binary may still be fine)
 * @param defect   why the binary is not valid WebAssembly, when decoding it failed (else null)
 */
public record BinaryReport(WasmEntry entry, Path file, String actual, BinaryKind kind, List<String> problems,
        List<String> warnings, BinaryDefect defect) {

    public BinaryReport(WasmEntry entry, Path file, String actual, BinaryKind kind, List<String> problems) {
        this(entry, file, actual, kind, problems, List.of(), null);
    }

    /** True when the binary was decoded and is not valid WebAssembly. */
    public boolean invalid() {
        return defect != null;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean hashMatches() {
        return actual != null && actual.equals(entry.hash());
    }
}
