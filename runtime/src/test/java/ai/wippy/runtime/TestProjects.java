package ai.wippy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Wippy projects for tests: fixtures copied into {@code wasm/}, one manifest. */
public final class TestProjects {

    private TestProjects() {
    }

    /**
     * Creates {@code src/main/wippy/_index.yaml} from {@code manifest}, where {@code @sha256:<fixture>@}
     * is replaced by the fixture's hash and every fixture so named is copied into {@code wasm/}.
     */
    public static Path create(Path dir, String manifest) {
        try {
            Path wasm = Files.createDirectories(dir.resolve("wasm"));
            var m = java.util.regex.Pattern.compile("@sha256:([A-Za-z0-9_\\-/]+)@").matcher(manifest);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Files.copy(Fixtures.path(name), wasm.resolve(name.substring(name.lastIndexOf('/') + 1) + ".wasm"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                m.appendReplacement(sb, "sha256:" + sha256(Fixtures.bytes(name)));
            }
            m.appendTail(sb);
            Path manifests = Files.createDirectories(dir.resolve("src/main/wippy"));
            Files.writeString(manifests.resolve("_index.yaml"), sb.toString(), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
