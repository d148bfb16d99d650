package ai.wippy.runtime.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates loaded entries kind by kind and assembles the {@link Registry}. Entries with problems
 * stay in {@link Registry#entries()} but get no typed view; unknown kinds are kept as they are.
 */
public final class RegistryBuilder {

    private RegistryBuilder() {
    }

    /**
     * @param entries    entries with unique IDs, {@code file://} and placeholders already resolved
     * @param env        the project's env variables (see {@link EnvRegistry#build})
     * @param projectDir base for relative {@code fs.directory} paths
     * @param problems   receives every problem found
     */
    public static Registry build(List<? extends Entry> entries, EnvRegistry env, Path projectDir,
            ProblemCollector problems) {
        return build(entries, env, projectDir, problems, true);
    }

    /** As {@link #build(List, EnvRegistry, Path, ProblemCollector)}; {@code checkHashFormat} false accepts any {@code hash:} text. */
    public static Registry build(List<? extends Entry> entries, EnvRegistry env, Path projectDir,
            ProblemCollector problems, boolean checkHashFormat) {
        Map<EntryId, Entry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.putIfAbsent(e.id(), e));

        FsDirectoryReader fsReader = new FsDirectoryReader(projectDir);
        List<FsDirectory> fsDirectories = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.kind().equals(FsDirectoryReader.KIND)) {
                fsReader.read(entry, problems).ifPresent(fsDirectories::add);
            }
        }
        Map<EntryId, FsDirectory> fsById = new HashMap<>();
        fsDirectories.forEach(fs -> fsById.put(fs.id(), fs));
        WasmEntryReader wasmReader = new WasmEntryReader(
                id -> isKind(byId, id, FsDirectoryReader.KIND), env::defines,
                id -> Optional.ofNullable(fsById.get(EntryId.parse(id.trim()))).map(FsDirectory::directory),
                checkHashFormat);
        TestProcessReader testReader = new TestProcessReader(byId);
        List<WasmEntry> wasmEntries = new ArrayList<>();
        List<ProcessHostConfig> hosts = new ArrayList<>();
        List<TestProcess> tests = new ArrayList<>();
        for (Entry entry : entries) {
            String kind = entry.kind();
            if (WasmEntryReader.isWasmKind(kind)) {
                wasmReader.read(entry, problems).ifPresent(wasmEntries::add);
            } else if (kind.equals(ProcessHostReader.KIND)) {
                ProcessHostReader.read(entry, problems).ifPresent(hosts::add);
            } else if (kind.equals(TestProcessReader.KIND)) {
                testReader.read(entry, problems).ifPresent(tests::add);
            }
        }
        checkCommandNames(entries, problems);
        return new DefaultRegistry(entries, fsDirectories, wasmEntries, hosts, tests, env);
    }

    private static boolean isKind(Map<EntryId, Entry> byId, String id, String kind) {
        Entry entry = byId.get(EntryId.parse(id.trim()));
        return entry != null && entry.kind().equals(kind);
    }

    /** Two process entries with one command name would make {@code wippy:run} ambiguous. */
    private static void checkCommandNames(List<? extends Entry> entries, ProblemCollector problems) {
        Map<String, Entry> owners = new HashMap<>();
        for (Entry entry : entries) {
            if (!entry.kind().startsWith("process.")
                    || !(entry.meta().get("command") instanceof Map<?, ?> command)
                    || !(command.get("name") instanceof String name) || name.isBlank()) {
                continue;
            }
            Entry first = owners.putIfAbsent(name.trim(), entry);
            if (first != null) {
                problems.add(entry, "meta.command.name", "duplicate command name \"" + name.trim()
                        + "\": also declared by " + first.id() + " at " + first.positionOf("meta.command.name"));
            }
        }
    }
}
