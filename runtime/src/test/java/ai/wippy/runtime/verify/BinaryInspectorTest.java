package ai.wippy.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.manifest.ManifestLoader;
import ai.wippy.runtime.manifest.ManifestOptions;
import ai.wippy.runtime.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryInspectorTest {

    @TempDir
    Path project;

    private Map<String, BinaryReport> inspect(String entries) {
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        return BinaryInspector.inspect(registry).stream()
                .collect(Collectors.toMap(r -> r.entry().id().name(), r -> r));
    }

    @Test
    void reportsEveryKindOfBadBinary() throws Exception {
        Files.createDirectories(project.resolve("wasm"));
        Files.writeString(project.resolve("wasm/text.wasm"), "not wasm at all");
        Files.copy(Fixtures.path("tiny"), project.resolve("wasm/tiny.wasm"));
        Map<String, BinaryReport> reports = inspect("""
                  - {name: good, kind: process.wasm, fs: app.v:assets, path: /answer.wasm, hash: "@sha256:answer@", method: answer}
                  - {name: stale, kind: process.wasm, fs: app.v:assets, path: /tiny.wasm, hash: "@sha256:answer@", method: run}
                  - {name: missing, kind: process.wasm, fs: app.v:assets, path: /nope.wasm, hash: "@sha256:answer@", method: run}
                  - {name: text, kind: process.wasm, fs: app.v:assets, path: /text.wasm, hash: "@sha256:answer@", method: run}
                  - {name: profile, kind: process.wasm, fs: app.v:assets, path: /answer.wasm, hash: "@sha256:answer@",
                     method: answer, imports: ["wasi:cli/stdout@0.2.3"]}
                  - {name: outside, kind: process.wasm, fs: app.v:assets, path: /../escape.wasm, hash: "@sha256:answer@", method: run}
                """);
        String answer = "sha256:" + TestProjects.sha256(Fixtures.bytes("answer"));
        String tiny = "sha256:" + TestProjects.sha256(Fixtures.bytes("tiny"));
        assertThat(reports.get("good").ok()).isTrue();
        assertThat(reports.get("good").hashMatches()).isTrue();
        assertThat(reports.get("stale").problems()).singleElement().asString()
                .startsWith("src/main/wippy/_index.yaml:")
                .contains("app.v:stale: hash mismatch: expected " + answer + ", got " + tiny + " (file ");
        assertThat(reports.get("missing").problems()).singleElement().asString()
                .contains("app.v:missing: WASM binary not found: ").contains("nope.wasm");
        assertThat(reports.get("text").problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("text.wasm is not a WebAssembly binary (it does not start with \\0asm)"))
                .anySatisfy(p -> assertThat(p).contains("app.v:text: hash mismatch: expected " + answer));
        assertThat(reports.get("profile").problems()).containsExactly(reports.get("profile").entry().position()
                + ": app.v:profile: wasm host import requires component module: wasi:cli");
        assertThat(reports.get("outside").problems()).singleElement().asString()
                .contains("app.v:outside: path /../escape.wasm is not a file inside fs app.v:assets");
        assertThat(List.of("good", "stale", "missing", "text", "profile", "outside")).allSatisfy(n -> assertThat(reports).containsKey(n));
    }
}
