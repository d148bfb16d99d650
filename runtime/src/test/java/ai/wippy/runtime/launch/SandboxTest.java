package ai.wippy.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Mounts through the whole stack: live reads and writes, read-only mounts, and escape attempts. */
class SandboxTest {

    @TempDir
    Path project;

    private WippyRuntime runtime(EngineMode mode, String entries) {
        TestProjects.create(project, """
                namespace: app.box
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: data, kind: fs.directory, directory: ./data}
                  - {name: ro, kind: fs.directory, directory: ./ro}
                  - {name: out, kind: fs.directory, directory: ./out, auto_init: true}
                """ + entries);
        return WippyRuntime.builder(project).engine(EngineOptions.builder().mode(mode).build()).build();
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void mountsAreLive(EngineMode mode) throws Exception {
        Files.createDirectories(project.resolve("data"));
        Files.createDirectories(project.resolve("ro"));
        Files.writeString(project.resolve("data/a.txt"), "one two three\nfour\n");
        Files.writeString(project.resolve("data/b.txt"), "hello world\n");
        try (WippyRuntime wippy = runtime(mode, """
                  - name: files
                    kind: process.wasm
                    fs: app.box:assets
                    path: /file_processor.wasm
                    hash: @sha256:file_processor@
                    method: _start
                    wasi:
                      args: [/data, /out]
                      mounts:
                        - {fs: app.box:data, guest: /data, read_only: true}
                        - {fs: app.box:out, guest: /out}
                """)) {
            ProcessResult r = wippy.call("app.box:files", List.of());
            assertThat(r.error()).isNull();
            assertThat(r.stdout()).isEqualTo("a.txt: 2 4 19\nb.txt: 1 2 12\n");
            assertThat(Files.readString(project.resolve("out/summary.txt"))).isEqualTo("a.txt: 2 4 19\nb.txt: 1 2 12\n");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void noEscapeAndReadOnlyMountsRefuseWrites(EngineMode mode) throws Exception {
        Path outside = Files.createDirectories(project.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "TOP-SECRET\n");
        Path data = Files.createDirectories(project.resolve("data"));
        Path ro = Files.createDirectories(project.resolve("ro"));
        Files.writeString(ro.resolve("keep.txt"), "keep me\n");
        Files.createSymbolicLink(data.resolve("link_abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(data.resolve("link_rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(data.resolve("linkdir"), outside.toAbsolutePath());
        try (WippyRuntime wippy = runtime(mode, """
                  - name: escape
                    kind: process.wasm
                    fs: app.box:assets
                    path: /escape.wasm
                    hash: @sha256:escape@
                    method: _start
                    wasi:
                      mounts:
                        - {fs: app.box:data, guest: /data}
                        - {fs: app.box:ro, guest: /ro, read_only: true}
                """)) {
            ProcessResult r = wippy.call("app.box:escape", List.of());
            assertThat(r.error()).isNull();
            String report = r.stdout();
            assertThat(report).doesNotContain("ESCAPED").doesNotContain("TOP-SECRET");
            for (String label : List.of("dotdot", "absolute", "abs_symlink", "rel_symlink", "dir_symlink",
                    "dir_symlink_write", "make_symlink", "ro_write", "ro_unlink", "ro_mkdir", "ro_rename", "ro_truncate")) {
                assertThat(report).containsPattern("(?m)^" + label + ": denied [A-Z]+$");
            }
            assertThat(report).containsPattern("(?m)^ro_write: denied EROFS$");
            assertThat(report).containsPattern("(?m)^ro_unlink: denied EROFS$");
            assertThat(outside.resolve("created.txt")).doesNotExist();
            assertThat(Files.readString(ro.resolve("keep.txt"))).isEqualTo("keep me\n");
            assertThat(ro.resolve("new.txt")).doesNotExist();
            assertThat(ro.resolve("moved.txt")).doesNotExist();
            assertThat(ro.resolve("newdir")).doesNotExist();
        }
    }
}
