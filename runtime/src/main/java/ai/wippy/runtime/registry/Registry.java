package ai.wippy.runtime.registry;

import java.util.List;
import java.util.Optional;

/** All loaded entries by ID, with typed views of the kinds the runtime understands. */
public interface Registry {

    /** Every entry, sorted by ID. */
    List<Entry> entries();

    Optional<Entry> find(EntryId id);

    default Optional<Entry> find(String id) {
        return find(EntryId.parse(id));
    }

    /** Entries of exactly this kind, sorted by ID. */
    List<Entry> ofKind(String kind);

    Optional<FsDirectory> fsDirectory(String id);

    /** {@code process.wasm} and {@code function.wasm} entries, sorted by ID. */
    List<WasmEntry> wasmEntries();

    Optional<WasmEntry> wasmEntry(String id);

    /** Resolves {@code env.variable} entries through their storages (SPEC §1). */
    EnvResolver env();
}
