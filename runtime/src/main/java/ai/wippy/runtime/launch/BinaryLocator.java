package ai.wippy.runtime.launch;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.FsDirectory;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the file of a WASM entry: {@code path} inside its {@code fs} directory, a leading
 * {@code /} stripped, never outside the directory (not by {@code ..}, nor by a symlink).
 */
public final class BinaryLocator {

    private BinaryLocator() {
    }

    public static Path locate(Registry registry, WasmEntry entry) {
        FsDirectory fs = registry.fsDirectory(entry.fs()).orElseThrow(() -> WippyException.user(
                entry.position() + ": " + entry.id() + ": filesystem not found: " + entry.fs()));
        String relative = entry.path();
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path root = fs.directory().toAbsolutePath().normalize();
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || relative.isEmpty()) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": path " + entry.path()
                    + " is not a file inside fs " + entry.fs() + " (" + root + ")");
        }
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw WippyException.user(entry.position() + ": " + entry.id() + ": path " + entry.path()
                        + " leads outside fs " + entry.fs() + " through a symbolic link (to " + real + ")");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": WASM binary not found: " + file
                    + " (fs " + entry.fs() + ", path " + entry.path() + "); build it or fix path:");
        } catch (IOException e) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": cannot read WASM binary " + file
                    + ": " + e.getMessage());
        }
    }

    /** Reads the whole binary (after {@link #locate}); a directory or unreadable file is a user error. */
    public static byte[] read(WasmEntry entry, Path file) {
        if (!Files.isRegularFile(file)) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": " + file + " is not a regular file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": cannot read WASM binary " + file
                    + ": " + e.getMessage());
        }
    }
}
