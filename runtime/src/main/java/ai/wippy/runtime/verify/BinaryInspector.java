package ai.wippy.runtime.verify;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.engine.BinaryKind;
import ai.wippy.runtime.hash.HashCheck;
import ai.wippy.runtime.hash.Sha256;
import ai.wippy.runtime.launch.BinaryLocator;
import ai.wippy.runtime.registry.ImportProfile;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every WASM entry's binary at build time (the {@code check} and {@code hash} goals): it
 * exists inside its fs directory, is readable, is a WebAssembly binary, matches the declared hash
 * (streamed, never loaded whole), and a core module declares no component-only import profile.
 */
public final class BinaryInspector {

    private BinaryInspector() {
    }

    public static List<BinaryReport> inspect(Registry registry) {
        List<BinaryReport> reports = new ArrayList<>();
        for (WasmEntry entry : registry.wasmEntries()) {
            reports.add(inspect(registry, entry));
        }
        return reports;
    }

    public static BinaryReport inspect(Registry registry, WasmEntry entry) {
        List<String> problems = new ArrayList<>();
        Path file;
        try {
            file = BinaryLocator.locate(registry, entry);
        } catch (WippyException e) {
            return new BinaryReport(entry, null, null, null, List.of(e.getMessage()));
        }
        String actual = null;
        BinaryKind kind = null;
        try {
            if (!Files.isRegularFile(file)) {
                return new BinaryReport(entry, file, null, null, List.of(prefix(entry) + file + " is not a regular file"));
            }
            actual = "sha256:" + Sha256.hex(file);
            kind = BinaryKind.detect(file.toString(), header(file));
        } catch (IOException e) {
            return new BinaryReport(entry, file, actual, null, List.of(prefix(entry) + "cannot read " + file + ": " + e.getMessage()));
        } catch (WippyException e) {
            problems.add(prefix(entry) + e.getMessage());
        }
        if (actual != null) {
            HashCheck check = HashCheck.ofActual(entry.hash(), actual.substring("sha256:".length()));
            if (!check.ok()) {
                problems.add(prefix(entry) + check.message() + " (file " + file + ")");
            }
        }
        if (kind == BinaryKind.CORE_MODULE) {
            for (String imp : entry.imports()) {
                ImportProfile.resolve(imp).filter(ImportProfile::componentOnly).ifPresent(p ->
                        problems.add(prefix(entry) + "wasm host import requires component module: " + imp));
            }
        }
        return new BinaryReport(entry, file, actual, kind, List.copyOf(problems));
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
