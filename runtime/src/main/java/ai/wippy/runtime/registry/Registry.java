package ai.wippy.runtime.registry;

import java.util.Comparator;
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

    /** Valid {@code process.host} entries, sorted by ID. */
    default List<ProcessHostConfig> processHosts() {
        return List.of();
    }

    /** Valid {@code test.process} entries, sorted by ID. */
    default List<TestProcess> testProcesses() {
        return List.of();
    }

    /** {@code process.*} WASM entries with {@code meta.command.name}, sorted by command name (SPEC §8). */
    default List<WasmEntry> commands() {
        return wasmEntries().stream()
                .filter(e -> e.isProcess() && e.command().isPresent())
                .sorted(Comparator.comparing((WasmEntry e) -> e.command().get().name())
                        .thenComparing(WasmEntry::id))
                .toList();
    }

    /** The process entry whose {@code meta.command.name} is {@code name}. */
    default Optional<WasmEntry> command(String name) {
        return commands().stream().filter(e -> e.command().get().name().equals(name)).findFirst();
    }
}
