package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code process.wasm} or {@code function.wasm} entry (SPEC §2), typed. Only produced for
 * entries that passed validation, so required fields are non-null.
 *
 * @param fs        full ID of the {@code fs.directory} holding the binary
 * @param path      path of the binary inside that directory (a leading {@code /} allowed)
 * @param hash      declared {@code sha256:<hex>}
 * @param wit       WIT signatures for core modules, or null
 * @param imports   normalised import profile names (SPEC §4), in declaration order
 * @param transport {@code payload} or {@code wasi-http}
 * @param command   the {@code meta.command} block, when present
 */
public record WasmEntry(
        EntryId id,
        String kind,
        String fs,
        String path,
        String hash,
        String method,
        String wit,
        List<String> imports,
        WasiConfig wasi,
        Limits limits,
        String transport,
        Optional<CommandMeta> command,
        Map<String, Object> meta,
        SourcePosition position) {

    public boolean isProcess() {
        return "process.wasm".equals(kind);
    }

    /** {@code meta.type == "test"}: a process entry that is itself an integration test (SPEC §9). */
    public boolean isTest() {
        return "test".equals(meta.get("type"));
    }
}
