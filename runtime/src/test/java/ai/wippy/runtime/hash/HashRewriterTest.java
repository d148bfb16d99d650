package ai.wippy.runtime.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashRewriterTest {

    private static final String OLD = "sha256:" + "ab".repeat(32);
    private static final String NEW = "sha256:" + "cd".repeat(32);

    private static HashRewriter.Replacement at(int line, int column) {
        return new HashRewriter.Replacement(line, column, OLD, NEW);
    }

    @Test
    void plainScalarWithCommentsAround() {
        String text = "# top\nentries:\n  - name: a\n    hash: " + OLD + "   # keep\n    # after\n";
        assertThat(HashRewriter.rewrite(text, List.of(at(4, 5))))
                .isEqualTo("# top\nentries:\n  - name: a\n    hash: " + NEW + "   # keep\n    # after\n");
    }

    @Test
    void quotedScalarsKeepTheirQuotes() {
        String text = "a:\n  hash: \"" + OLD + "\"\nb:\n  hash: '" + OLD + "'\n";
        assertThat(HashRewriter.rewrite(text, List.of(at(2, 3), at(4, 3))))
                .isEqualTo("a:\n  hash: \"" + NEW + "\"\nb:\n  hash: '" + NEW + "'\n");
    }

    @Test
    void flowMappingsAndJson() {
        String flow = "- {name: x, hash: " + OLD + ", path: y}\n";
        assertThat(HashRewriter.rewrite(flow, List.of(at(1, 13))))
                .isEqualTo("- {name: x, hash: " + NEW + ", path: y}\n");
        String json = "{\"entries\": [{\"name\": \"x\", \"hash\": \"" + OLD + "\"}]}";
        int column = json.indexOf("\"hash\"") + 1;
        assertThat(HashRewriter.rewrite(json, List.of(at(1, column))))
                .isEqualTo("{\"entries\": [{\"name\": \"x\", \"hash\": \"" + NEW + "\"}]}");
    }

    @Test
    void crlfAndBomStayExactlyAsTheyWere(@TempDir Path dir) throws Exception {
        String text = "\uFEFFnamespace: x\r\nentries:\r\n  - hash: " + OLD + "\r\n    path: p\r\n";
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        HashRewriter.rewriteFile(file, List.of(at(3, 5)));
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFnamespace: x\r\nentries:\r\n  - hash: " + NEW + "\r\n    path: p\r\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRewrittenFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "hash: " + OLD + "\n", StandardCharsets.UTF_8);
        for (String mode : List.of("rw-rw-r--", "rw-r-----", "rwxr-xr-x")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
            Files.writeString(file, "hash: " + OLD + "\n", StandardCharsets.UTF_8);
            HashRewriter.rewriteFile(file, List.of(at(1, 1)));
            assertThat(Files.readString(file)).isEqualTo("hash: " + NEW + "\n");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("mode after the rewrite").isEqualTo(mode);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsRewritten(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("m.yaml");
        Files.writeString(real, "hash: " + OLD + "\n", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("real/m.yaml"));
        HashRewriter.rewriteFile(link, List.of(at(1, 1)));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("hash: " + NEW + "\n");
    }

    @Test
    void severalEntriesInOneFileAndNothingElseChanges() {
        String text = "x:\n  hash: " + OLD + "\ny:\n  hash: " + OLD + "\nz:\n  hash: other\n";
        assertThat(HashRewriter.rewrite(text, List.of(at(4, 3), at(2, 3))))
                .isEqualTo("x:\n  hash: " + NEW + "\ny:\n  hash: " + NEW + "\nz:\n  hash: other\n");
    }

    @Test
    void refusesWhenTheFileChangedSinceItWasRead() {
        String text = "hash: sha256:something-else\n";
        assertThatThrownBy(() -> HashRewriter.rewrite(text, List.of(at(1, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("line 1: expected hash " + OLD + " but found sha256:something-else;"
                        + " the file changed since it was read");
        assertThatThrownBy(() -> HashRewriter.rewrite("path: x\n", List.of(at(1, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no hash key there");
    }
}
