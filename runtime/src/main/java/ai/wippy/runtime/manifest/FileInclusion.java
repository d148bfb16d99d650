package ai.wippy.runtime.manifest;

import ai.wippy.runtime.registry.ManifestEntry;
import ai.wippy.runtime.registry.ProblemCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Replaces {@code file://relative} (against the manifest's directory, which it may not leave) and
 * {@code file:///absolute} string values with the text of that file. Path-valued fields
 * ({@code path}, and {@code directory} of {@code fs.directory}) are left alone.
 */
final class FileInclusion {

    static final String PREFIX = "file://";

    private final long maxFileBytes;
    private final ProblemCollector problems;

    FileInclusion(long maxFileBytes, ProblemCollector problems) {
        this.maxFileBytes = maxFileBytes;
        this.problems = problems;
    }

    ManifestEntry apply(ManifestEntry entry) {
        StringRewriter rewriter = (path, value) -> {
            if (!value.startsWith(PREFIX) || isPathField(entry, path)) {
                return value;
            }
            String text = read(entry, path, value);
            return text != null ? text : value;
        };
        return entry.withData(rewriter.applyTo(entry.data()));
    }

    private static boolean isPathField(ManifestEntry entry, String path) {
        return path.equals("path") || (path.equals("directory") && entry.kind().equals("fs.directory"));
    }

    private String read(ManifestEntry entry, String path, String value) {
        String target = value.substring(PREFIX.length());
        Path file;
        try {
            if (target.startsWith("/")) {
                file = Path.of(target).normalize();
            } else {
                Path base = entry.file().toAbsolutePath().getParent().normalize();
                file = base.resolve(target).normalize();
                if (!file.startsWith(base)) {
                    problems.add(entry, path, value + " points outside the manifest's directory;"
                            + " use a path below it or an absolute file:///path");
                    return null;
                }
            }
        } catch (InvalidPathException e) {
            problems.add(entry, path, value + " is not a valid file path");
            return null;
        }
        try {
            if (!Files.isRegularFile(file)) {
                problems.add(entry, path, value + ": file not found: " + file);
                return null;
            }
            if (Files.size(file) > maxFileBytes) {
                problems.add(entry, path, value + ": file is larger than " + maxFileBytes + " bytes");
                return null;
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(entry, path, value + ": cannot read file: " + e.getMessage());
            return null;
        }
    }
}
