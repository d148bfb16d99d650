package ai.wippy.runtime.registry;

import ai.wippy.runtime.hash.DeclaredHash;
import ai.wippy.runtime.hash.HashFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Validates a {@code process.wasm} / {@code function.wasm} entry (SPEC §2) and types it. */
final class WasmEntryReader {

    static final String PROCESS_WASM = "process.wasm";
    static final String FUNCTION_WASM = "function.wasm";

    private final Predicate<String> filesystemExists;
    private final WasiBlockReader wasiReader;
    private final boolean checkHashFormat;

    WasmEntryReader(Predicate<String> filesystemExists, Predicate<String> envVariableExists,
            Function<String, Optional<Path>> hostDirectory, boolean checkHashFormat) {
        this.filesystemExists = filesystemExists;
        this.checkHashFormat = checkHashFormat;
        this.wasiReader = new WasiBlockReader(filesystemExists, envVariableExists, hostDirectory);
    }

    static boolean isWasmKind(String kind) {
        return PROCESS_WASM.equals(kind) || FUNCTION_WASM.equals(kind);
    }

    /** The typed entry, or empty when the entry has any problem (all of them are reported). */
    Optional<WasmEntry> read(Entry entry, ProblemCollector problems) {
        int before = problems.count();
        Fields fields = new Fields(entry, problems);
        String fs = fields.requiredString("fs", "fs is required");
        if (fs != null && !filesystemExists.test(fs)) {
            fields.problem("fs", "filesystem not found: " + fs);
        }
        String path = fields.requiredString("path", "path is required");
        String hash = fields.requiredString("hash", "hash is required");
        if (hash != null && checkHashFormat) {
            checkHashFormat(fields, hash.trim());
        }
        String method = fields.requiredString("method", "method is required");
        String wit = fields.string("wit").orElse(null);
        List<String> imports = imports(fields);
        WasiConfig wasi = wasiReader.read(fields);
        Limits limits = LimitsReader.read(fields);
        String transport = transport(fields);
        PoolValidator.validate(fields);
        Optional<CommandMeta> command = CommandReader.read(fields);
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new WasmEntry(entry.id(), entry.kind(), fs.trim(), path, hash.trim(),
                method.trim(), wit, imports, wasi, limits, transport, command, entry.meta(),
                entry.position()));
    }

    /**
     * SPEC §3's format errors, found here so that {@code validate} reports them with every other
     * problem (a digest that does not match is {@code check}'s business: it needs the binary).
     */
    private static void checkHashFormat(Fields fields, String hash) {
        try {
            DeclaredHash.parse(hash);
        } catch (HashFormatException e) {
            String hint = hash.indexOf(':') < 0
                    ? " (a hash is sha256:<64 lowercase hex digits>, what sha256sum prints;"
                            + " mvn wippy:hash -Dwippy.hash.write=true fills it in)"
                    : " (only sha256 is supported: sha256:<64 lowercase hex digits>, what sha256sum prints;"
                            + " mvn wippy:hash -Dwippy.hash.write=true fills it in)";
            fields.problem("hash", e.getMessage() + hint);
        }
    }

    private static List<String> imports(Fields fields) {
        List<Object> raw = fields.list("imports");
        List<String> imports = new ArrayList<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            String item = "imports." + i;
            if (raw.get(i) != null && !(raw.get(i) instanceof String)) {
                fields.wrongType(item, "a string", raw.get(i));
                continue;
            }
            String name = raw.get(i) == null ? "" : ((String) raw.get(i));
            if (ImportProfile.normalize(name).isEmpty()) {
                fields.problem(item, "import :name cannot be empty");
                continue;
            }
            Optional<ImportProfile> profile = ImportProfile.resolve(name);
            if (profile.isEmpty()) {
                fields.problem(item, "unsupported wasm host import: " + name.trim());
            } else if (!imports.contains(profile.get().canonicalName())) {
                imports.add(profile.get().canonicalName());
            }
        }
        return List.copyOf(imports);
    }

    private static String transport(Fields fields) {
        String transport = fields.string("transport").map(String::trim).orElse("");
        if (transport.isEmpty()) {
            return "payload";
        }
        if (!transport.equals("payload") && !transport.equals("wasi-http")) {
            fields.problem("transport", "invalid transport type");
        }
        return transport;
    }
}
