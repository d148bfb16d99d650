package ai.wippy.runtime.verify;

import ai.wippy.runtime.BinaryKind;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.manifest.ManifestLoader;
import ai.wippy.runtime.manifest.ManifestOptions;
import ai.wippy.runtime.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        assertThat(reports.get("missing").problems()).containsExactly(reports.get("missing").entry().position()
                + ": app.v:missing: WASM binary " + project.toRealPath().resolve("wasm/nope.wasm")
                + " not found (fs app.v:assets, path /nope.wasm); build it, or fix path");
        assertThat(reports.get("text").problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("text.wasm is not a WebAssembly binary (it does not start with \\0asm)"))
                .anySatisfy(p -> assertThat(p).contains("app.v:text: hash mismatch: expected " + answer));
        assertThat(reports.get("profile").problems()).containsExactly(reports.get("profile").entry().position()
                + ": app.v:profile: wasm host import requires component module: wasi:cli");
        assertThat(reports.get("outside").problems()).singleElement().asString()
                .contains("app.v:outside: path /../escape.wasm is not a file inside fs app.v:assets");
        assertThat(List.of("good", "stale", "missing", "text", "profile", "outside")).allSatisfy(n -> assertThat(reports).containsKey(n));
    }

    // -- check: every binary decoded and validated ------------------------------------------------

    /** Writes {@code wasm/<name>.wasm} and returns the entry for it, with its real hash. */
    private String binary(String name, byte[] bytes) throws IOException {
        Files.createDirectories(project.resolve("wasm"));
        Files.write(project.resolve("wasm/" + name + ".wasm"), bytes);
        return "  - {name: " + name + ", kind: process.wasm, fs: app.v:assets, path: /" + name + ".wasm, hash: \"sha256:"
                + TestProjects.sha256(bytes) + "\", method: run}\n";
    }

    private Map<String, BinaryReport> check(String entries) {
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        return BinaryInspector.check(registry, project).stream()
                .collect(Collectors.toMap(r -> r.entry().id().name(), r -> r));
    }

    private static String only(BinaryReport report) {
        assertThat(report.problems()).hasSize(1);
        String p = report.problems().get(0);
        assertThat(p).startsWith(report.entry().position() + ": " + report.entry().id() + ": ");
        return p.substring((report.entry().position() + ": " + report.entry().id() + ": ").length());
    }

    @Test
    void checkDecodesAndValidatesEveryBinaryWhoseHashMatches() throws Exception {
        byte[] add = Wasm.addModule();
        byte[] component = Fixtures.bytes("compute_component");
        byte[] badOpcode = Wasm.module(Wasm.typeSection(Wasm.funcType(new int[0])), Wasm.functionSection(0),
                Wasm.codeSection(Wasm.body(0x01, 0xff, 0x0b)));
        byte[] mismatch = Wasm.module(Wasm.typeSection(Wasm.funcType(new int[0], Wasm.I32)), Wasm.functionSection(0),
                Wasm.codeSection(Wasm.body(0x42, 0x01, 0x0b)));
        byte[] locals = Wasm.module(Wasm.typeSection(Wasm.funcType(new int[0])), Wasm.functionSection(0),
                Wasm.codeSection(Wasm.body(Wasm.vec(Wasm.concat(Wasm.u32(0xffffffffL), Wasm.bytes(Wasm.I32))),
                        Wasm.bytes(0x0b))));
        Map<String, BinaryReport> reports = check(binary("good", add)
                + binary("truncated", Arrays.copyOf(add, add.length - 3))
                + binary("huge", Wasm.concat(Wasm.CORE_HEADER, Wasm.bytes(0x01), Wasm.u32(0xffffffffL)))
                + binary("locals", locals)
                + binary("opcode", badOpcode)
                + binary("mismatch", mismatch)
                + binary("component", component)
                + binary("component_truncated", Arrays.copyOf(component, component.length - 10))
                + binary("component_bad_module", Wasm.component(Wasm.section(1, badOpcode))));
        assertThat(reports.get("good").ok()).isTrue();
        assertThat(reports.get("component").ok()).isTrue();
        assertThat(reports.get("component").kind()).isEqualTo(ai.wippy.runtime.BinaryKind.COMPONENT);
        assertThat(only(reports.get("truncated"))).isEqualTo("wasm/truncated.wasm: invalid WebAssembly module at offset"
                + " 0x1f: code section size 9 exceeds the file (6 bytes left)");
        assertThat(only(reports.get("huge"))).isEqualTo("wasm/huge.wasm: invalid WebAssembly module at offset 0x9: type"
                + " section size 4294967295 exceeds the file (0 bytes left)");
        assertThat(only(reports.get("locals"))).isEqualTo("wasm/locals.wasm: invalid WebAssembly module at offset 0x17:"
                + " function 0 declares too many locals: 4294967295; the runtime allows at most 50000 in one function");
        assertThat(only(reports.get("opcode"))).isEqualTo("wasm/opcode.wasm: invalid WebAssembly module at offset 0x18:"
                + " function 0: illegal opcode 0xff");
        assertThat(only(reports.get("mismatch"))).isEqualTo("wasm/mismatch.wasm: invalid WebAssembly module at offset"
                + " 0x16: function 0: type mismatch: instruction requires [i32] but stack has [i64]");
        assertThat(only(reports.get("component_truncated"))).matches("wasm/component_truncated.wasm: invalid WebAssembly"
                + " component at offset 0x[0-9a-f]+: [a-z ]+ section size \\d+ exceeds the file \\(\\d+ bytes left\\)");
        assertThat(only(reports.get("component_bad_module"))).isEqualTo("wasm/component_bad_module.wasm: invalid"
                + " WebAssembly component at offset 0x22: in the core module at offset 0xa: function 0: illegal opcode 0xff");
        assertThat(reports.values()).allSatisfy(r -> assertThat(r.hashMatches()).isTrue());
    }

    @Test
    void inspectForTheHashGoalDoesNotDecode() throws Exception {
        byte[] add = Wasm.addModule();
        String entries = binary("truncated", Arrays.copyOf(add, add.length - 3));
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        assertThat(BinaryInspector.inspect(registry)).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
    }

    @Test
    void aTamperedTruncatedBinaryReportsBothTheHashAndTheDecodeProblem() throws Exception {
        Files.createDirectories(project.resolve("wasm"));
        byte[] answer = Fixtures.bytes("answer");
        Files.write(project.resolve("wasm/answer.wasm"), Arrays.copyOf(answer, answer.length - 1));
        Map<String, BinaryReport> reports = check("  - {name: a, kind: process.wasm, fs: app.v:assets, path: /answer.wasm,"
                + " hash: \"sha256:" + TestProjects.sha256(answer) + "\", method: answer}\n");
        assertThat(reports.get("a").problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("app.v:a: hash mismatch: expected sha256:"))
                .anySatisfy(p -> assertThat(p).contains("app.v:a: wasm/answer.wasm: invalid WebAssembly module at offset"));
    }

    @Test
    void aBinaryShorterThanItsHeaderOrEmptySaysSo() throws Exception {
        Map<String, BinaryReport> reports = check(binary("short", new byte[] {0, 'a', 's', 'm', 1})
                + binary("empty", new byte[0]));
        assertThat(only(reports.get("short"))).isEqualTo("wasm/short.wasm: invalid WebAssembly binary: the file is"
                + " truncated: 5 bytes, less than the 8-byte header; build it again");
        assertThat(only(reports.get("empty"))).isEqualTo("wasm/empty.wasm is empty (0 bytes); build it again");
    }

    @Test
    void entriesSharingABinaryDecodeItOnce() throws Exception {
        int[] calls = {0};
        WasmBinaryCheck counting = new WasmBinaryCheck((file, layout, skipped) -> calls[0]++, () -> 1L << 30);
        byte[] add = Wasm.addModule();
        String entries = binary("one", add) + "  - {name: two, kind: process.wasm, fs: app.v:assets, path: /one.wasm,"
                + " hash: \"sha256:" + TestProjects.sha256(add) + "\", method: run}\n";
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        assertThat(BinaryInspector.check(registry, project, counting)).hasSize(2).allMatch(BinaryReport::ok);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void aBodyTooBigForTheHeapIsAWarningNotAProblem() throws Exception {
        byte[] drops = new byte[65_536];
        Arrays.fill(drops, (byte) 0x1a);
        byte[] big = Wasm.module(Wasm.typeSection(Wasm.funcType(new int[0])), Wasm.functionSection(0),
                Wasm.codeSection(Wasm.rawBody(Wasm.concat(Wasm.bytes(0x00), drops, Wasm.bytes(0x0b)))));
        String entries = binary("big", big);
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        BinaryReport r = BinaryInspector.check(registry, project,
                new WasmBinaryCheck(new ChicoryValidator(), () -> 64L << 20)).get(0);
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).singleElement().asString()
                .startsWith(r.entry().position() + ": app.v:big: wasm/big.wasm: 1 function body (65538 bytes, the largest function 0");
    }

    @Test
    void aFileTooBigForTheFreeHeapIsHashedButNotDecoded() throws Exception {
        byte[] add = Wasm.addModule();
        String entries = binary("add", Arrays.copyOf(add, add.length - 3));
        TestProjects.create(project, "namespace: app.v\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + entries);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        BinaryReport r = BinaryInspector.check(registry, project, new WasmBinaryCheck(new ChicoryValidator(), () -> 100)).get(0);
        assertThat(r.ok()).as("the truncation is not seen: it was not decoded").isTrue();
        assertThat(r.hashMatches()).isTrue();
        assertThat(r.warnings()).containsExactly(r.entry().position() + ": app.v:add: wasm/add.wasm: not decoded: the file"
                + " is 38 bytes and only 100 bytes of heap are free; give Maven more heap (MAVEN_OPTS=-Xmx...) to decode it");
    }

    @Test
    void checkSaysWhenTheFsDirectoryItselfIsMissing() throws Exception {
        TestProjects.create(project, """
                namespace: app.v
                entries:
                  - {name: out, kind: fs.directory, directory: ./build/wasm, auto_init: true}
                  - {name: w, kind: process.wasm, fs: app.v:out, path: /w.wasm, hash: "sha256:00", method: run}
                """);
        Registry registry = ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
        BinaryReport r = BinaryInspector.check(registry, project).get(0);
        assertThat(only(r)).isEqualTo("WASM binary build/wasm/w.wasm not found: the directory build/wasm of fs app.v:out"
                + " does not exist (auto_init creates it empty when a process mounts it, with no binary in it); build the"
                + " binary into it, or fix the directory of app.v:out");
        assertThat(r.problems().get(0)).doesNotEndWith(":").doesNotContain("path:");
    }

    @Test
    void checkSaysWhenTheBinaryIsADanglingLink() throws Exception {
        Files.createDirectories(project.resolve("wasm"));
        Files.createSymbolicLink(project.resolve("wasm/gone.wasm"), project.resolve("wasm/nothing-here.wasm"));
        Map<String, BinaryReport> reports = check(
                "  - {name: g, kind: process.wasm, fs: app.v:assets, path: /gone.wasm, hash: \"sha256:00\", method: run}\n");
        assertThat(only(reports.get("g"))).isEqualTo("WASM binary wasm/gone.wasm is a symbolic link to a file that does not"
                + " exist (fs app.v:assets, path /gone.wasm); fix the link, or fix path");
    }
}
