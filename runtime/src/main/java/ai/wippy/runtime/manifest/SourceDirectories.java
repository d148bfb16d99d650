package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.SourcePosition;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default source directories of a project: the values of {@code directories:} in
 * {@code wippy.lock} when that file exists, else {@code src/main/wippy} and {@code src/test/wippy}.
 */
final class SourceDirectories {

    static final String LOCK_FILE = "wippy.lock";

    record Resolved(List<Path> directories, List<Problem> problems) {
    }

    private SourceDirectories() {
    }

    static Resolved defaults(Path projectDir, long maxFileBytes, int maxAliases) {
        Path lock = projectDir.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lock)) {
            return new Resolved(List.of(projectDir.resolve("src/main/wippy"),
                    projectDir.resolve("src/test/wippy")), List.of());
        }
        SafeYamlReader.Outcome outcome = new SafeYamlReader(maxFileBytes, maxAliases).read(lock, LOCK_FILE);
        if (outcome.problem() != null) {
            return new Resolved(List.of(), List.of(outcome.problem()));
        }
        YamlDocument document = outcome.document();
        Object directories = document.root() instanceof Map<?, ?> root ? root.get("directories") : null;
        if (!(directories instanceof Map<?, ?> map)) {
            return new Resolved(List.of(), List.of(new Problem(positionOf(document, "directories"), null,
                    "wippy.lock: directories must be a map of name: path")));
        }
        List<Path> result = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = "directories." + entry.getKey();
            if (!(entry.getValue() instanceof String path) || path.isBlank()) {
                problems.add(new Problem(positionOf(document, key), null,
                        "wippy.lock: " + key + " must be a directory path"));
                continue;
            }
            try {
                result.add(projectDir.resolve(path.trim()).normalize());
            } catch (InvalidPathException e) {
                problems.add(new Problem(positionOf(document, key), null,
                        "wippy.lock: " + key + " is not a valid path: " + path));
            }
        }
        return new Resolved(List.copyOf(result), List.copyOf(problems));
    }

    private static SourcePosition positionOf(YamlDocument document, String path) {
        SourcePosition position = document.positions().get(path);
        return position != null ? position : SourcePosition.ofFile(LOCK_FILE);
    }
}
