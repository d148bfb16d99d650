package ai.wippy.runtime.manifest;

import static ai.wippy.runtime.manifest.TestProject.formatted;
import static ai.wippy.runtime.manifest.TestProject.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.Entry;
import ai.wippy.runtime.registry.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path tmp;

    private TestProject project() {
        return new TestProject(tmp);
    }

    @Test
    void entriesListFormGivesIdsKindsMetaAndData() {
        TestProject p = project();
        p.manifest("_index.yaml", """
                version: "1.0"
                namespace: app.test
                meta: {owner: team-a, comment: file level}
                entries:
                  - name: get_user.endpoint
                    kind: http.endpoint
                    meta: {comment: entry level}
                    method: GET
                    path: /users
                """);
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        Entry entry = result.registry().find("app.test:get_user.endpoint").orElseThrow();
        assertThat(entry.kind()).isEqualTo("http.endpoint");
        assertThat(entry.meta()).containsExactlyInAnyOrderEntriesOf(
                Map.of("owner", "team-a", "comment", "entry level"));
        assertThat(entry.data()).isEqualTo(Map.of("method", "GET", "path", "/users"));
        assertThat(entry.data().keySet()).containsExactly("method", "path");
        assertThat(entry.position().toString()).isEqualTo("src/main/wippy/_index.yaml:5:5");
        assertThat(entry.positionOf("path").toString()).isEqualTo("src/main/wippy/_index.yaml:9:5");
        assertThat(entry.positionOf("meta.comment").toString()).isEqualTo("src/main/wippy/_index.yaml:7:12");
        assertThat(entry.positionOf("meta.owner").toString()).isEqualTo("src/main/wippy/_index.yaml:3:8");
        assertThat(result.files()).containsExactly(tmp.resolve("src/main/wippy/_index.yaml"));
    }

    @Test
    void singleEntryFormTakesEveryOtherTopLevelKeyAsData() {
        TestProject p = project();
        p.manifest("one.yaml", """
                namespace: solo
                version: "1.0"
                name: thing
                kind: function.lua
                meta: {title: T}
                source: print(1)
                modules: [json]
                """);
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        Entry entry = result.registry().find("solo:thing").orElseThrow();
        assertThat(entry.kind()).isEqualTo("function.lua");
        assertThat(entry.meta()).isEqualTo(Map.of("title", "T"));
        assertThat(entry.data()).containsOnlyKeys("source", "modules");
        assertThat(entry.data().get("modules")).isEqualTo(List.of("json"));
        assertThat(entry.positionOf("modules").toString()).isEqualTo("src/main/wippy/one.yaml:7:1");
    }

    @Test
    void dataMapIsUsedVerbatimAndPositionsFollowIt() {
        TestProject p = project();
        p.manifest("d.yaml", """
                namespace: d
                entries:
                  - name: x
                    kind: custom.kind
                    ignored_when_data_present: 1
                    data:
                      answer: 42
                      nested: {deep: true}
                """);
        LoadResult result = p.load();

        Entry entry = result.registry().find("d:x").orElseThrow();
        assertThat(entry.data()).isEqualTo(Map.of("answer", 42, "nested", Map.of("deep", true)));
        assertThat(entry.positionOf("nested.deep").toString()).isEqualTo("src/main/wippy/d.yaml:8:16");
    }

    @Test
    void filesWithoutNamespaceAreSkippedSilently() {
        TestProject p = project();
        p.manifest("config.yaml", "just: some config\nentries: [1, 2]\n");
        p.manifest("blank.yaml", "namespace: '   '\nentries: []\n");
        p.manifest("list.yaml", "- a\n- b\n");
        p.manifest("empty.yml", "");
        p.manifest("notes.txt", "namespace: ignored\n");
        p.manifest("real.yaml", "namespace: r\nentries: []\n");
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().entries()).isEmpty();
        assertThat(result.files()).containsExactly(tmp.resolve("src/main/wippy/real.yaml"));
    }

    @Test
    void nodeModulesIsNeverScannedAndTestSourcesAreIncluded() {
        TestProject p = project();
        p.manifest("node_modules/pkg/_index.yaml", "namespace: nm\nentries: [{name: a, kind: x}]\n");
        p.manifest("sub/node_modules/_index.yaml", "namespace: nm2\nentries: [{name: a, kind: x}]\n");
        p.manifest("sub/deeper/_index.yml", "namespace: deep\nentries: [{name: a, kind: x}]\n");
        p.write("src/test/wippy/_index.yaml", "namespace: tst\nentries: [{name: a, kind: x}]\n");
        LoadResult result = p.load();

        assertThat(result.registry().entries()).extracting(e -> e.id().toString())
                .containsExactly("deep:a", "tst:a");
    }

    @Test
    void wippyLockDirectoriesReplaceTheDefaults() {
        TestProject p = project();
        p.write("wippy.lock", "directories:\n  modules: .wippy\n  src: ./src\n");
        p.write("src/app.yaml", "namespace: app\nentries: [{name: a, kind: x}]\n");
        p.write(".wippy/vendor/mod.yaml", "namespace: vendor\nentries: [{name: b, kind: x}]\n");
        p.write("other/ignored.yaml", "namespace: other\nentries: [{name: c, kind: x}]\n");
        ManifestOptions options = p.options().build();
        LoadResult result = ManifestLoader.load(options);

        assertThat(options.sourceDirectories()).containsExactly(tmp.resolve(".wippy"), tmp.resolve("src"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().entries()).extracting(e -> e.id().toString())
                .containsExactly("app:a", "vendor:b");
    }

    @Test
    void brokenWippyLockIsAProblem() {
        TestProject p = project();
        p.write("wippy.lock", "directories: [src]\n");
        assertThat(formatted(p.load())).containsExactly("wippy.lock:1:1: wippy.lock: directories must be a map of name: path");

        p.write("wippy.lock", "directories:\n  src: 12\n");
        assertThat(formatted(p.load())).containsExactly(
                "wippy.lock:2:3: wippy.lock: directories.src must be a directory path");
    }

    @Test
    void invalidPathInWippyLockIsAProblem() {
        TestProject p = project();
        p.write("wippy.lock", "directories:\n  src: \"a\\0b\"\n");
        assertThat(formatted(p.load())).containsExactly("wippy.lock:2:3: wippy.lock: directories.src is not a valid path: a\0b");
    }

    @Test
    void invalidFileUrlPathIsAProblem() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: f\nentries:\n  - {name: x, kind: k, text: \"file://a\\0b\"}\n");
        assertThat(messages(p.load())).containsExactly("file://a\0b is not a valid file path");
    }

    @Test
    void explicitSourceDirectoriesAndMissingOnesAreSkipped() {
        TestProject p = project();
        p.write("manifests/a.yaml", "namespace: m\nentries: [{name: a, kind: x}]\n");
        LoadResult result = ManifestLoader.load(p.options()
                .sourceDirectories(List.of(Path.of("manifests"), Path.of("does-not-exist"))).build());

        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().find("m:a")).isPresent();
    }

    @Test
    void jsonManifestsAreRead() {
        TestProject p = project();
        p.manifest("api.json", """
                {"namespace": "j", "entries": [{"name": "a", "kind": "x", "count": 3, "on": true}]}
                """);
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().find("j:a").orElseThrow().data()).isEqualTo(Map.of("count", 3, "on", true));
    }

    @Test
    void scalarsFollowTheYamlCoreSchema() {
        TestProject p = project();
        p.manifest("s.yaml", """
                namespace: s
                entries:
                  - name: a
                    kind: x
                    yes_is_text: yes
                    octal_text: 0755
                    hex: 0x10
                    big: 99999999999
                    huge: 123456789012345678901234567890
                    ratio: 1.5
                    nothing: ~
                    date: 2024-01-01
                """);
        Map<String, Object> data = p.load().registry().find("s:a").orElseThrow().data();

        assertThat(data.get("yes_is_text")).isEqualTo("yes");
        assertThat(data.get("octal_text")).isEqualTo(755);
        assertThat(data.get("hex")).isEqualTo(16);
        assertThat(data.get("big")).isEqualTo(99999999999L);
        assertThat(data.get("huge")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(data.get("ratio")).isEqualTo(1.5);
        assertThat(data).containsEntry("nothing", null);
        assertThat(data.get("date")).isEqualTo("2024-01-01");
    }

    @Test
    void yamlMergeKeysAreApplied() {
        TestProject p = project();
        p.manifest("m.yaml", """
                namespace: m
                defaults: &d {kind: x, size: 1}
                entries:
                  - <<: *d
                    name: a
                    size: 2
                """);
        Entry entry = p.load().registry().find("m:a").orElseThrow();
        assertThat(entry.kind()).isEqualTo("x");
        assertThat(entry.data()).isEqualTo(Map.of("size", 2));
    }

    @Test
    void entryDataIsImmutable() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: a\nentries: [{name: a, kind: x, list: [1]}]\n");
        Entry entry = p.load().registry().find("a:a").orElseThrow();

        assertThatThrownBy(() -> entry.data().put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) entry.data().get("list")).add(2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownKindsAreKeptWithoutProblems() {
        TestProject p = project();
        p.manifest("a.yaml", """
                namespace: a
                entries:
                  - {name: fn, kind: function.lua, source: "file://missing-is-fine-for-unknown.lua.txt"}
                  - {name: ep, kind: http.endpoint}
                """);
        p.manifest("missing-is-fine-for-unknown.lua.txt", "return 1");
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        Registry registry = result.registry();
        assertThat(registry.ofKind("function.lua")).hasSize(1);
        assertThat(registry.find("a:ep")).isPresent();
        assertThat(registry.find("a:fn").orElseThrow().data().get("source")).isEqualTo("return 1");
    }

    @Test
    void problemsOfAllFilesAreCollectedAndSortedAndRegistryOrThrowListsThem() {
        TestProject p = project();
        p.manifest("b.yaml", "namespace: b\nentries:\n  - {kind: x}\n");
        p.manifest("a.yaml", "namespace: a\nentries:\n  - {name: a}\n  - {name: '', kind: x}\n");
        LoadResult result = p.load();

        assertThat(formatted(result)).containsExactly(
                "src/main/wippy/a.yaml:3:5: entry[0].kind: kind is required and must be a non-empty string",
                "src/main/wippy/a.yaml:4:6: entry[1].name: name is required and must be a non-empty string",
                "src/main/wippy/b.yaml:3:5: entry[0].name: name is required and must be a non-empty string");
        assertThat(result.ok()).isFalse();
        assertThatThrownBy(result::registryOrThrow)
                .isInstanceOfSatisfying(WippyException.class, e -> {
                    assertThat(e.isUserError()).isTrue();
                    assertThat(e.problems()).isEqualTo(result.problems());
                    assertThat(e.getMessage()).contains("b.yaml:3:5");
                });
    }

    @Test
    void okResultReturnsTheRegistry() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: a\nentries: []\n");
        LoadResult result = p.load();
        assertThat(result.ok()).isTrue();
        assertThat(result.registryOrThrow()).isSameAs(result.registry());
    }

    @Test
    void duplicateIdsAcrossFilesNameBothFiles() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: dup\nentries:\n  - name: same\n    kind: x\n");
        p.manifest("b.yaml", "namespace: dup\nentries:\n  - name: other\n    kind: x\n  - name: same\n    kind: y\n");
        LoadResult result = p.load();

        assertThat(formatted(result)).containsExactly("src/main/wippy/b.yaml:5:5: dup:same: duplicate entry ID"
                + " dup:same: declared at src/main/wippy/a.yaml:3:5 and src/main/wippy/b.yaml:5:5");
        assertThat(result.registry().find("dup:same").orElseThrow().kind()).isEqualTo("x");
    }

    @Test
    void manifestShapeProblems() {
        TestProject p = project();
        p.manifest("a.yaml", "namespace: a\nversion: '1.0'\n");
        p.manifest("b.yaml", "namespace: b\nentries: {name: x}\n");
        p.manifest("c.yaml", "namespace: c\nmeta: [1]\nentries:\n  - 5\n  - {name: n, kind: k, meta: 3, data: [1]}\n");
        assertThat(formatted(p.load())).containsExactly(
                "src/main/wippy/a.yaml:1:1: entries: either entries array or single entry (name/kind) must be provided",
                "src/main/wippy/b.yaml:2:1: entries must be a list of entries",
                "src/main/wippy/c.yaml:2:1: meta must be a map",
                "src/main/wippy/c.yaml:4:5: entry[0]: entry must be a map with name and kind",
                "src/main/wippy/c.yaml:5:24: c:n: meta must be a map",
                "src/main/wippy/c.yaml:5:33: c:n: data must be a map");
    }

    @Test
    void fileUrlsAreReplacedByFileText() {
        TestProject p = project();
        p.manifest("wit/answer.wit", "answer: func() -> s32;\n");
        Path absolute = p.write("elsewhere/abs.txt", "absolute text");
        p.manifest("a.yaml", """
                namespace: f
                entries:
                  - name: x
                    kind: custom
                    wit: file://wit/answer.wit
                    nested: {list: ["file://./wit/../wit/answer.wit"]}
                    abs: file://%s
                    path: file://wit/answer.wit
                """.formatted(absolute));
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        Map<String, Object> data = result.registry().find("f:x").orElseThrow().data();
        assertThat(data.get("wit")).isEqualTo("answer: func() -> s32;\n");
        assertThat(data.get("nested")).isEqualTo(Map.of("list", List.of("answer: func() -> s32;\n")));
        assertThat(data.get("abs")).isEqualTo("absolute text");
        assertThat(data.get("path")).isEqualTo("file://wit/answer.wit");
    }

    @Test
    void fileUrlsThatEscapeOrAreMissingAreProblems() {
        TestProject p = project();
        p.write("src/secret.txt", "secret");
        p.manifest("a.yaml", """
                namespace: f
                entries:
                  - name: x
                    kind: custom
                    wit: file://../secret.txt
                    other: file://nope.wit
                """);
        LoadResult result = p.load();

        assertThat(formatted(result)).containsExactly(
                "src/main/wippy/a.yaml:5:5: f:x: file://../secret.txt points outside the manifest's directory;"
                        + " use a path below it or an absolute file:///path",
                "src/main/wippy/a.yaml:6:5: f:x: file://nope.wit: file not found: "
                        + tmp.resolve("src/main/wippy/nope.wit"));
        assertThat(result.registry().find("f:x").orElseThrow().data().get("wit")).isEqualTo("file://../secret.txt");
    }

    @Test
    void fileUrlLargerThanTheLimitIsAProblem() {
        TestProject p = project();
        p.manifest("big.txt", "x".repeat(200));
        p.manifest("a.yaml", "namespace: f\nentries:\n  - {name: x, kind: k, text: 'file://big.txt'}\n");
        LoadResult result = ManifestLoader.load(p.options().maxFileBytes(100).build());

        assertThat(messages(result)).containsExactly("file://big.txt: file is larger than 100 bytes");
    }
}
