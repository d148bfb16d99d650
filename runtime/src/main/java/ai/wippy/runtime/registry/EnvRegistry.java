package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code env.storage.*} and {@code env.variable} entries of a project, validated and wired
 * together. {@link #lookup} follows Wippy's {@code Lookup}: public variable name first, then entry
 * ID; empty counts as missing; the variable's default is not applied ({@link #get} applies it).
 */
public final class EnvRegistry implements EnvResolver {

    public static final String VARIABLE = "env.variable";
    public static final String STORAGE_PREFIX = "env.storage.";

    private static final Pattern PUBLIC_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private record Variable(EntryId id, String publicName, EnvStorage storage, String defaultValue,
            SourcePosition position) {

        String key() {
            return publicName != null ? publicName : id.name();
        }
    }

    private final Map<EntryId, Variable> byId;
    private final Map<String, Variable> byPublicName;

    private EnvRegistry(Map<EntryId, Variable> byId, Map<String, Variable> byPublicName) {
        this.byId = Map.copyOf(byId);
        this.byPublicName = Map.copyOf(byPublicName);
    }

    /** An env registry with no variables. */
    public static EnvRegistry empty() {
        return new EnvRegistry(Map.of(), Map.of());
    }

    /**
     * Validates the env entries among {@code entries} and builds the registry. {@code osEnv} backs
     * {@code env.storage.os}; {@code .env} files of {@code env.storage.file} are resolved against
     * {@code projectDir} and may be at most {@code maxFileBytes} long; a missing one is empty.
     */
    public static EnvRegistry build(List<? extends Entry> entries, Path projectDir,
            Map<String, String> osEnv, long maxFileBytes, ProblemCollector problems) {
        Map<EntryId, Entry> storageEntries = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.kind().startsWith(STORAGE_PREFIX)) {
                storageEntries.put(entry.id(), entry);
            }
        }
        StorageBuilder storages = new StorageBuilder(storageEntries, projectDir, osEnv, maxFileBytes, problems);
        storageEntries.keySet().forEach(storages::storage);

        Map<EntryId, Variable> byId = new HashMap<>();
        Map<String, Variable> byPublicName = new HashMap<>();
        for (Entry entry : entries) {
            if (!entry.kind().equals(VARIABLE)) {
                continue;
            }
            Fields fields = new Fields(entry, problems);
            String publicName = fields.string("variable").filter(s -> !s.isEmpty()).orElse(null);
            if (publicName != null && !PUBLIC_NAME.matcher(publicName).matches()) {
                fields.problem("variable", "variable must contain only letters, digits and underscores: " + publicName);
                publicName = null;
            }
            String storageId = fields.requiredString("storage", "storage is required");
            EnvStorage storage = null;
            if (storageId != null) {
                EntryId storageEntryId = EntryId.parse(storageId);
                if (storageEntries.containsKey(storageEntryId)) {
                    storage = storages.storage(storageEntryId);
                } else {
                    fields.problem("storage", "env storage not found: " + storageId);
                }
            }
            String defaultValue = scalarText(fields, "default");
            fields.bool("readonly");
            Variable variable = new Variable(entry.id(), publicName,
                    storage != null ? storage : EnvStorage.ofMap(Map.of()), defaultValue, entry.position());
            byId.put(entry.id(), variable);
            if (publicName != null) {
                Variable other = byPublicName.putIfAbsent(publicName, variable);
                if (other != null) {
                    fields.problem("variable", "duplicate env variable name " + publicName
                            + ": also declared by " + other.id() + " at " + other.position());
                }
            }
        }
        return new EnvRegistry(byId, byPublicName);
    }

    @Override
    public Optional<String> lookup(String variableIdOrName) {
        return variable(variableIdOrName).flatMap(v -> v.storage().get(v.key()));
    }

    /** Like {@link #lookup}, falling back to the variable's {@code default} (Wippy's {@code Get}). */
    public Optional<String> get(String variableIdOrName) {
        Optional<Variable> variable = variable(variableIdOrName);
        return variable.flatMap(v -> v.storage().get(v.key()))
                .or(() -> variable.map(Variable::defaultValue).filter(d -> !d.isEmpty()));
    }

    /** Whether an {@code env.variable} with this public name or ID exists. */
    public boolean defines(String variableIdOrName) {
        return variable(variableIdOrName).isPresent();
    }

    private Optional<Variable> variable(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        Variable named = byPublicName.get(idOrName);
        if (named != null) {
            return Optional.of(named);
        }
        return Optional.ofNullable(byId.get(EntryId.parse(idOrName)));
    }

    private static String scalarText(Fields fields, String path) {
        Object value = fields.raw(path);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            fields.wrongType(path, "a string, number or boolean", value);
            return null;
        }
        return String.valueOf(value);
    }

    /** Builds storages on demand so routers can refer to storages in any order; detects cycles. */
    private static final class StorageBuilder {
        private final Map<EntryId, Entry> entries;
        private final Path projectDir;
        private final Map<String, String> osEnv;
        private final long maxFileBytes;
        private final ProblemCollector problems;
        private final Map<EntryId, EnvStorage> built = new HashMap<>();
        private final Set<EntryId> inProgress = new LinkedHashSet<>();

        StorageBuilder(Map<EntryId, Entry> entries, Path projectDir, Map<String, String> osEnv,
                long maxFileBytes, ProblemCollector problems) {
            this.entries = entries;
            this.projectDir = projectDir;
            this.osEnv = osEnv;
            this.maxFileBytes = maxFileBytes;
            this.problems = problems;
        }

        /** The storage of an existing storage entry, or null while a cycle is being reported. */
        EnvStorage storage(EntryId id) {
            EnvStorage done = built.get(id);
            if (done != null) {
                return done;
            }
            if (inProgress.contains(id)) {
                return null;
            }
            inProgress.add(id);
            Entry entry = entries.get(id);
            EnvStorage storage = create(entry, new Fields(entry, problems));
            inProgress.remove(id);
            built.put(id, storage);
            return storage;
        }

        private EnvStorage create(Entry entry, Fields fields) {
            switch (entry.kind()) {
                case "env.storage.os":
                    return EnvStorage.ofMap(osEnv);
                case "env.storage.static":
                    return EnvStorage.ofMap(staticValues(fields));
                case "env.storage.file":
                    return EnvStorage.ofMap(fileValues(fields));
                case "env.storage.router":
                    return EnvStorage.router(routed(fields));
                default:
                    // env.storage.memory starts empty; unknown storage kinds hold nothing either.
                    return EnvStorage.ofMap(Map.of());
            }
        }

        private Map<String, String> staticValues(Fields fields) {
            Map<String, Object> values = fields.map("values");
            Map<String, String> result = new HashMap<>();
            if (values != null) {
                for (String key : values.keySet()) {
                    String text = scalarText(fields, "values." + key);
                    if (text != null) {
                        result.put(key, text);
                    }
                }
            }
            return result;
        }

        private Map<String, String> fileValues(Fields fields) {
            String filePath = fields.requiredString("file_path", "file_path is required");
            if (filePath == null) {
                return Map.of();
            }
            Path file;
            try {
                file = projectDir.resolve(filePath).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                fields.problem("file_path", "env file path is not valid: " + filePath);
                return Map.of();
            }
            // A missing .env is normal (it is usually not committed): the storage is then empty.
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            try {
                if (Files.size(file) > maxFileBytes) {
                    fields.problem("file_path", "env file " + filePath + " is larger than " + maxFileBytes + " bytes");
                    return Map.of();
                }
                DotEnvParser.Result parsed = DotEnvParser.parse(Files.readString(file, StandardCharsets.UTF_8));
                parsed.errors().forEach(error -> fields.problem("file_path", "env file " + filePath + ": " + error));
                return parsed.values();
            } catch (IOException | java.io.UncheckedIOException e) {
                fields.problem("file_path", "cannot read env file " + filePath + ": " + e.getMessage());
                return Map.of();
            }
        }

        private List<EnvStorage> routed(Fields fields) {
            List<Object> ids = fields.list("storages");
            if (ids == null) {
                if (!fields.present("storages")) {
                    fields.problem("storages", "storages is required");
                }
                return List.of();
            }
            List<EnvStorage> result = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String path = "storages." + i;
                String id = fields.requiredString(path, "storages[" + i + "] must be a storage ID");
                if (id == null) {
                    continue;
                }
                EntryId target = EntryId.parse(id);
                if (!entries.containsKey(target)) {
                    fields.problem(path, "env storage not found: " + id);
                    continue;
                }
                EnvStorage storage = storage(target);
                if (storage == null) {
                    List<String> cycle = new ArrayList<>();
                    inProgress.forEach(step -> cycle.add(step.toString()));
                    cycle.add(target.toString());
                    fields.problem(path, "env.storage.router cycle: " + String.join(" -> ", cycle));
                    continue;
                }
                result.add(storage);
            }
            return result;
        }
    }
}
