package ai.wippy.runtime.launch;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.FsDirectory;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

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
            throw WippyException.user(entry.position() + ": " + entry.id() + ": "
                    + whatIsMissing(fs, entry, root, file, Path::toString));
        } catch (IOException e) {
            throw WippyException.user(entry.position() + ": " + entry.id() + ": cannot read WASM binary " + file
                    + ": " + e.getMessage());
        }
    }

    /**
     * Says what is missing when the binary is: the fs directory itself (an {@code auto_init}
     * directory is created empty only when a process mounts it), a link's target, or the file.
     */
    public static String whatIsMissing(FsDirectory fs, WasmEntry entry, Path root, Path file,
            Function<Path, String> show) {
        if (!Files.isDirectory(root)) {
            return "WASM binary " + show.apply(file) + " not found: the directory " + show.apply(root) + " of fs "
                    + entry.fs() + " does not exist" + (fs.autoInit()
                    ? " (auto_init creates it empty when a process mounts it, with no binary in it)" : "")
                    + "; build the binary into it, or fix the directory of " + entry.fs();
        }
        if (Files.isSymbolicLink(file)) {
            return "WASM binary " + show.apply(file) + " is a symbolic link to a file that does not exist"
                    + " (fs " + entry.fs() + ", path " + entry.path() + "); fix the link, or fix path";
        }
        return "WASM binary " + show.apply(file) + " not found (fs " + entry.fs() + ", path " + entry.path()
                + "); build it, or fix path";
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
