package ai.wippy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed WASM fixtures ({@code fixtures/wasm}, built by {@code fixtures/build.sh}). */
public final class Fixtures {

    private static final Path DIR = locate();

    private Fixtures() {
    }

    public static Path dir() {
        return DIR;
    }

    /** {@code name} is a fixture of {@code fixtures/wasm}, or {@code components/<name>} of {@code fixtures/components/wasm}. */
    public static Path path(String name) {
        Path p = name.startsWith("components/")
                ? DIR.getParent().resolve("components/wasm").resolve(name.substring("components/".length()) + ".wasm")
                : DIR.resolve(name + ".wasm");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p + "; run fixtures/build.sh");
        }
        return p;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("fixtures/wasm");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/wasm not found above " + here);
    }
}
