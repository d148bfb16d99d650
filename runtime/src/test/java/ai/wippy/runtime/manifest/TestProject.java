package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A Maven-like project written into a temporary directory by a test. */
final class TestProject {

    final Path dir;
    private Map<String, String> environment = Map.of();

    TestProject(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code text} to {@code relative} (creating directories) and returns the file. */
    Path write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a manifest under {@code src/main/wippy}. */
    Path manifest(String name, String text) {
        return write("src/main/wippy/" + name, text);
    }

    TestProject environment(Map<String, String> environment) {
        this.environment = environment;
        return this;
    }

    ManifestOptions.Builder options() {
        return ManifestOptions.builder(dir).environment(environment);
    }

    LoadResult load() {
        return ManifestLoader.load(options().build());
    }

    static List<String> messages(LoadResult result) {
        return result.problems().stream().map(Problem::message).toList();
    }

    static List<String> formatted(LoadResult result) {
        return result.problems().stream().map(Problem::format).toList();
    }
}
