package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.hash.HashCheck;
import ai.wippy.runtime.hash.Sha256;
import ai.wippy.runtime.launch.BinaryLocator;
import ai.wippy.runtime.registry.FsDirectory;
import ai.wippy.runtime.registry.ImportProfile;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every WASM entry's binary at build time. {@link #inspect} (the {@code hash} goal): it
 * exists inside its fs directory, is readable, is a WebAssembly binary, and matches the declared
 * hash (streamed, never loaded whole); a core module declares no component-only import profile.
 * {@link #check} (the {@code check} goal) does all that and decodes and validates the whole binary
 * ({@link WasmBinaryCheck}), so a truncated or invalid binary fails the build, not the run.
 */
public final class BinaryInspector {

    private final Path projectDir;
    private final WasmBinaryCheck decoder;
    private final boolean decode;
    /** One verdict per binary content: entries sharing a binary decode it once. */
    private final Map<String, WasmBinaryCheck.Result> verdicts = new HashMap<>();

    private BinaryInspector(Path projectDir, WasmBinaryCheck decoder, boolean decode) {
        this.projectDir = projectDir == null ? null : projectDir.toAbsolutePath().normalize();
        this.decoder = decoder;
        this.decode = decode;
    }

    /** Location, hash, kind and profiles of every WASM entry; file paths shown absolute. */
    public static List<BinaryReport> inspect(Registry registry) {
        return new BinaryInspector(null, null, false).all(registry);
    }

    public static BinaryReport inspect(Registry registry, WasmEntry entry) {
        return new BinaryInspector(null, null, false).one(registry, entry);
    }

    /**
     * Everything {@link #inspect} checks, and every binary decoded and validated.
     *
     * @param projectDir files under it are shown relative to it
     */
    public static List<BinaryReport> check(Registry registry, Path projectDir) {
        return check(registry, projectDir, new WasmBinaryCheck());
    }

    static List<BinaryReport> check(Registry registry, Path projectDir, WasmBinaryCheck decoder) {
        return new BinaryInspector(projectDir, decoder, true).all(registry);
    }

    private List<BinaryReport> all(Registry registry) {
        List<BinaryReport> reports = new ArrayList<>();
        for (WasmEntry entry : registry.wasmEntries()) {
            reports.add(one(registry, entry));
        }
        return reports;
    }

    private BinaryReport one(Registry registry, WasmEntry entry) {
        Optional<String> missing = missing(registry, entry);
        if (missing.isPresent()) {
            return new BinaryReport(entry, null, null, null, List.of(prefix(entry) + missing.get()));
        }
        Path file;
        try {
            file = BinaryLocator.locate(registry, entry);
        } catch (WippyException e) {
            return new BinaryReport(entry, null, null, null, List.of(e.getMessage()));
        }
        if (!Files.isRegularFile(file)) {
            return new BinaryReport(entry, file, null, null, List.of(prefix(entry) + show(file) + " is not a regular file"));
        }
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String actual;
        BinaryKind kind = null;
        byte[] bytes = null;
        boolean decodeThis = decode;
        try {
            if (decode) {
                Optional<String> tooBig = decoder.tooBigToDecode(Files.size(file));
                tooBig.ifPresent(why -> warnings.add(prefix(entry) + show(file) + ": " + why));
                decodeThis = tooBig.isEmpty();
            }
            if (decodeThis) {
                bytes = Files.readAllBytes(file);
                actual = "sha256:" + Sha256.hex(bytes);
            } else {
                actual = "sha256:" + Sha256.hex(file);
            }
            byte[] header = bytes != null ? bytes : header(file);
            kind = kind(file, header, problems, entry);
        } catch (IOException e) {
            return new BinaryReport(entry, file, null, null,
                    List.of(prefix(entry) + "cannot read " + show(file) + ": " + e.getMessage()));
        }
        HashCheck hash = HashCheck.ofActual(entry.hash(), actual.substring("sha256:".length()));
        if (!hash.ok()) {
            problems.add(prefix(entry) + hash.message() + " (file " + show(file) + ")");
        }
        if (kind == BinaryKind.CORE_MODULE) {
            for (String imp : entry.imports()) {
                ImportProfile.resolve(imp).filter(ImportProfile::componentOnly).ifPresent(p ->
                        problems.add(prefix(entry) + "wasm host import requires component module: " + imp));
            }
        }
        BinaryDefect defect = null;
        if (decodeThis && kind != null) {
            BinaryKind k = kind;
            byte[] b = bytes;
            WasmBinaryCheck.Result verdict = verdicts.computeIfAbsent(actual, a -> decoder.check(b, k));
            defect = verdict.defect().orElse(null);
            verdict.defect().ifPresent(d -> problems.add(prefix(entry) + show(file) + ": " + d.format()));
            verdict.notValidated().forEach(n -> warnings.add(prefix(entry) + show(file) + ": " + n));
        }
        return new BinaryReport(entry, file, actual, kind, List.copyOf(problems), List.copyOf(warnings), defect);
    }

    /**
     * Says what is missing when the binary is: the fs directory itself (an {@code auto_init}
     * directory is created empty only when a process mounts it), or the file in it.
     */
    private Optional<String> missing(Registry registry, WasmEntry entry) {
        Optional<FsDirectory> fs = registry.fsDirectory(entry.fs());
        if (fs.isEmpty()) {
            return Optional.empty();
        }
        Path root = fs.get().directory().toAbsolutePath().normalize();
        String relative = entry.path().replaceFirst("^/+", "");
        Path file = root.resolve(relative).normalize();
        if (relative.isEmpty() || !file.startsWith(root)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(root) || !Files.exists(file)) {
            return Optional.of(BinaryLocator.whatIsMissing(fs.get(), entry, root, file, this::show));
        }
        return Optional.empty();
    }

    /** Core module or component; a truncated or foreign header is a problem (and null). */
    private BinaryKind kind(Path file, byte[] header, List<String> problems, WasmEntry entry) {
        if (header.length == 0) {
            problems.add(prefix(entry) + show(file) + " is empty (0 bytes); build it again");
            return null;
        }
        if (header.length < 8 && startsLikeWasm(header)) {
            problems.add(prefix(entry) + show(file) + ": invalid WebAssembly binary: the file is truncated: "
                    + header.length + " bytes, less than the 8-byte header; build it again");
            return null;
        }
        try {
            return BinaryKind.detect(show(file), header);
        } catch (WippyException e) {
            problems.add(prefix(entry) + e.getMessage());
            return null;
        }
    }

    private static boolean startsLikeWasm(byte[] header) {
        byte[] magic = {0, 'a', 's', 'm'};
        for (int i = 0; i < Math.min(header.length, 4); i++) {
            if (header[i] != magic[i]) {
                return false;
            }
        }
        return header.length > 0;
    }

    /** The path as the user should see it: relative to the project when under it. */
    private String show(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (projectDir != null && absolute.startsWith(projectDir) && !absolute.equals(projectDir)) {
            return projectDir.relativize(absolute).toString().replace(File.separatorChar, '/');
        }
        return absolute.toString();
    }

    private static String prefix(WasmEntry entry) {
        return entry.position() + ": " + entry.id() + ": ";
    }

    private static byte[] header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }
}
