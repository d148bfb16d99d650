package ai.wippy.runtime.registry;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The immutable {@link Registry} produced by loading manifests; see {@link RegistryBuilder}. */
final class DefaultRegistry implements Registry {

    private final List<Entry> entries;
    private final Map<EntryId, Entry> byId;
    private final Map<EntryId, FsDirectory> fsDirectories;
    private final List<WasmEntry> wasmEntries;
    private final Map<EntryId, WasmEntry> wasmById;
    private final List<ProcessHostConfig> processHosts;
    private final List<TestProcess> testProcesses;
    private final EnvResolver env;

    DefaultRegistry(List<? extends Entry> entries, List<FsDirectory> fsDirectories,
            List<WasmEntry> wasmEntries, List<ProcessHostConfig> processHosts,
            List<TestProcess> testProcesses, EnvResolver env) {
        this.entries = entries.stream().map(Entry.class::cast).sorted(Comparator.comparing(Entry::id)).toList();
        Map<EntryId, Entry> index = new LinkedHashMap<>();
        this.entries.forEach(e -> index.putIfAbsent(e.id(), e));
        this.byId = Map.copyOf(index);
        Map<EntryId, FsDirectory> fs = new LinkedHashMap<>();
        fsDirectories.forEach(d -> fs.put(d.id(), d));
        this.fsDirectories = Map.copyOf(fs);
        this.wasmEntries = wasmEntries.stream().sorted(Comparator.comparing(WasmEntry::id)).toList();
        Map<EntryId, WasmEntry> wasm = new LinkedHashMap<>();
        this.wasmEntries.forEach(e -> wasm.putIfAbsent(e.id(), e));
        this.wasmById = Map.copyOf(wasm);
        this.processHosts = processHosts.stream().sorted(Comparator.comparing(ProcessHostConfig::id)).toList();
        this.testProcesses = testProcesses.stream().sorted(Comparator.comparing(TestProcess::id)).toList();
        this.env = env;
    }

    @Override
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public Optional<Entry> find(EntryId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Entry> ofKind(String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public Optional<FsDirectory> fsDirectory(String id) {
        return Optional.ofNullable(fsDirectories.get(EntryId.parse(id)));
    }

    @Override
    public List<WasmEntry> wasmEntries() {
        return wasmEntries;
    }

    @Override
    public Optional<WasmEntry> wasmEntry(String id) {
        return Optional.ofNullable(wasmById.get(EntryId.parse(id)));
    }

    @Override
    public EnvResolver env() {
        return env;
    }

    @Override
    public List<ProcessHostConfig> processHosts() {
        return processHosts;
    }

    @Override
    public List<TestProcess> testProcesses() {
        return testProcesses;
    }
}
