package ai.wippy.runtime.manifest;

import static ai.wippy.runtime.manifest.TestProject.formatted;
import static ai.wippy.runtime.manifest.TestProject.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SafeYamlTest {

    @TempDir
    Path tmp;

    private TestProject project() {
        return new TestProject(tmp);
    }

    @Test
    @Timeout(10)
    void billionLaughsIsRefusedQuickly() {
        TestProject p = project();
        StringBuilder yaml = new StringBuilder("namespace: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        yaml.append("entries: []\n");
        p.manifest("bomb.yaml", yaml.toString());

        LoadResult result = p.load();

        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).format()).startsWith("src/main/wippy/bomb.yaml")
                .contains("invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50");
    }

    @Test
    @Timeout(10)
    void fewAliasesThatExpandHugelyAreRefused() {
        // 2 aliases per level stay under the alias count limit but expand to 2^24 nodes.
        TestProject p = project();
        StringBuilder yaml = new StringBuilder("namespace: bomb\nl0: &l0 [x, y]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("l").append(i).append(": &l").append(i)
                    .append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        yaml.append("entries: []\n");
        p.manifest("bomb.yaml", yaml.toString());

        assertThat(messages(p.load())).containsExactly(
                "aliases expand to more than 10000 nodes; refusing the document (alias bomb)");
    }

    @Test
    void aFewAliasesAreFine() {
        TestProject p = project();
        p.manifest("ok.yaml", """
                namespace: ok
                common: &common {kind: x, tags: [a, b]}
                entries:
                  - {name: one, kind: x, shared: *common}
                  - {name: two, kind: x, shared: *common}
                """);
        LoadResult result = p.load();
        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().find("ok:two").orElseThrow().data().get("shared"))
                .isEqualTo(java.util.Map.of("kind", "x", "tags", java.util.List.of("a", "b")));
    }

    @Test
    void recursiveAliasIsRefused() {
        TestProject p = project();
        p.manifest("rec.yaml", "namespace: r\nloop: &loop [1, *loop]\nentries: []\n");
        assertThat(messages(p.load())).hasSize(1).first().asString().contains("recursive");
    }

    @Test
    void duplicateKeysAreRefusedWithThePositionOfTheSecond() {
        TestProject p = project();
        p.manifest("dup.yaml", "namespace: d\nentries:\n  - name: a\n    kind: x\n    name: b\n");
        assertThat(formatted(p.load())).containsExactly(
                "src/main/wippy/dup.yaml:5:5: duplicate key \"name\" (first declared at line 3)");
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        TestProject p = project();
        p.manifest("bad.yaml", "namespace: b\nentries:\n  - name: a\n   kind: [unclosed\n");
        LoadResult result = p.load();

        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).position().file()).isEqualTo("src/main/wippy/bad.yaml");
        assertThat(result.problems().get(0).position().line()).isEqualTo(4);
        assertThat(result.problems().get(0).position().column()).isPositive();
        assertThat(result.problems().get(0).message()).startsWith("invalid YAML: ");
        assertThat(result.files()).containsExactly(tmp.resolve("src/main/wippy/bad.yaml"));
    }

    @Test
    void oversizeFileIsAProblem() throws Exception {
        TestProject p = project();
        Path file = p.manifest("big.yaml", "namespace: big\nentries: []\n# " + "x".repeat(300) + "\n");
        LoadResult result = ManifestLoader.load(p.options().maxFileBytes(100).build());

        assertThat(formatted(result)).containsExactly("src/main/wippy/big.yaml: file is too large: "
                + Files.size(file) + " bytes, the limit is 100 bytes");
    }

    @Test
    void javaTagsAndCustomTagsAreRefused() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: t\nentries:\n  - name: a\n    kind: x\n    obj: !!java.io.File [\"/etc\"]\n");
        p.manifest("b.yaml", "namespace: t2\nentries:\n  - name: a\n    kind: x\n    obj: !custom thing\n");
        p.manifest("c.yaml", "namespace: t3\nentries:\n  - name: a\n    kind: x\n    when: !!timestamp 2001-12-14\n");
        assertThat(formatted(p.load())).containsExactly(
                "src/main/wippy/a.yaml:5:10: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:java.io.File",
                "src/main/wippy/b.yaml:5:10: unsupported YAML tag !custom:"
                        + " only strings, numbers, booleans, null, lists and maps are allowed",
                "src/main/wippy/c.yaml:5:11: unsupported YAML tag tag:yaml.org,2002:timestamp:"
                        + " only strings, numbers, booleans, null, lists and maps are allowed");
    }

    @Test
    void explicitStandardTagsWithBadValuesAreProblems() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: a\nentries: [{name: a, kind: x, n: !!int abc}]\n");
        p.manifest("b.yaml", "namespace: b\nentries: [{name: a, kind: x, n: !!bool maybe}]\n");
        p.manifest("c.yaml", "namespace: c\nentries: [{name: a, kind: x, n: !!float abc}]\n");
        p.manifest("d.yaml", "namespace: d\nentries: [{name: a, kind: x, n: !!str 12}]\n");
        LoadResult result = p.load();
        assertThat(messages(result)).containsExactly("invalid integer \"abc\"", "invalid boolean \"maybe\"",
                "invalid number \"abc\"");
        assertThat(result.registry().find("d:a").orElseThrow().data().get("n")).isEqualTo("12");
    }

    @Test
    void complexKeysAreRefused() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: a\n? [x, y]\n: value\n");
        assertThat(formatted(p.load())).containsExactly(
                "src/main/wippy/a.yaml:2:3: mapping keys must be plain scalars, not lists or maps");
    }

    @Test
    void invalidUtf8IsAProblem() throws Exception {
        TestProject p = project();
        Path file = p.manifest("a.yaml", "");
        Files.write(file, new byte[] {'n', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/a.yaml: file is not valid UTF-8");
    }

    @Test
    @Timeout(10)
    void deepNestingIsAProblemNotACrash() {
        TestProject p = project();
        p.manifest("deep.yaml", "namespace: d\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        LoadResult result = p.load();
        assertThat(messages(result)).hasSize(1).first().asString().startsWith("invalid YAML: ");
    }

    @Test
    void multipleDocumentsAreAProblem() {
        TestProject p = project();
        p.manifest("multi.yaml", "namespace: a\nentries: []\n---\nnamespace: b\n");
        assertThat(messages(p.load())).hasSize(1).first().asString().startsWith("invalid YAML: ");
    }

    @Test
    void durationIsBoundedForLargeButLegalFiles() {
        TestProject p = project();
        StringBuilder yaml = new StringBuilder("namespace: many\nentries:\n");
        for (int i = 0; i < 2000; i++) {
            yaml.append("  - {name: e").append(i).append(", kind: x, value: ").append(i).append("}\n");
        }
        p.manifest("many.yaml", yaml.toString());
        long start = System.nanoTime();
        LoadResult result = p.load();
        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().entries()).hasSize(2000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
