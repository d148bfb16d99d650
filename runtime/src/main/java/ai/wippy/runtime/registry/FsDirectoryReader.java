package ai.wippy.runtime.registry;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates an {@code fs.directory} entry and resolves its directory against the project. The
 * directory must exist, unless {@code auto_init: true} says the runtime may create it: as in Wippy
 * ({@code mkdir -p}), it is created when a process first mounts it, so a directory that the build or
 * the guest itself fills (an output directory) needs no placeholder in the repository.
 */
final class FsDirectoryReader {

    static final String KIND = "fs.directory";
    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    private static final String DEFAULT_MODE = "0755";

    private final Path projectDir;

    FsDirectoryReader(Path projectDir) {
        this.projectDir = projectDir;
    }

    Optional<FsDirectory> read(Entry entry, ProblemCollector problems) {
        int before = problems.count();
        Fields fields = new Fields(entry, problems);
        String directory = fields.requiredString("directory", "directory is required");
        String mode = mode(fields);
        boolean autoInit = fields.bool("auto_init").orElse(false);
        String base = fields.string("base").orElse(null);
        Path resolved = null;
        if (directory != null) {
            try {
                resolved = projectDir.resolve(directory).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                fields.problem("directory", "directory is not a valid path: " + directory);
            }
        }
        if (resolved != null) {
            checkExists(fields, directory, resolved, autoInit);
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new FsDirectory(entry.id(), resolved, mode, autoInit, base, entry.position()));
    }

    private static void checkExists(Fields fields, String directory, Path resolved, boolean autoInit) {
        if (Files.isDirectory(resolved)) {
            return;
        }
        if (Files.exists(resolved)) {
            fields.problem("directory", "directory " + directory + " is not a directory (" + resolved
                    + " is a file); point directory at a directory");
        } else if (!autoInit) {
            fields.problem("directory", "directory " + directory + " does not exist (" + resolved
                    + "); create it, fix the path, or set auto_init: true to have it created when a process mounts it");
        }
    }

    private static String mode(Fields fields) {
        Object raw = fields.raw("mode");
        if (raw == null) {
            return DEFAULT_MODE;
        }
        // An unquoted 0755 is the YAML integer 755: its digits are still the octal mode.
        String text = (raw instanceof Integer || raw instanceof Long) ? raw.toString() : null;
        if (raw instanceof String s) {
            text = s.trim();
        }
        if (text == null || !OCTAL_MODE.matcher(text).matches()) {
            fields.problem("mode", "mode must be an octal string such as \"0755\", got " + Fields.describe(raw));
            return DEFAULT_MODE;
        }
        return text.length() == 3 ? "0" + text : text;
    }
}
