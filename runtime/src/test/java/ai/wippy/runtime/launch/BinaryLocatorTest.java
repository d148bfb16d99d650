package ai.wippy.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.manifest.ManifestLoader;
import ai.wippy.runtime.manifest.ManifestOptions;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run says when an entry's binary is not there: the same words as check. */
class BinaryLocatorTest {

    @TempDir
    Path project;

    private Registry registry(String directory) throws Exception {
        TestProjects.create(project, "namespace: app.l\nentries:\n"
                + "  - {name: out, kind: fs.directory, directory: " + directory + "}\n"
                + "  - {name: w, kind: process.wasm, fs: app.l:out, path: /w.wasm, hash: \"sha256:00\", method: run}\n");
        return ManifestLoader.load(ManifestOptions.builder(project).build()).registryOrThrow();
    }

    private static WasmEntry only(Registry r) {
        return r.wasmEntries().iterator().next();
    }

    @Test
    void aMissingFileNamesTheFsAndThePath() throws Exception {
        Files.createDirectories(project.resolve("wasm"));
        Registry r = registry("./wasm");
        WasmEntry e = only(r);
        assertThatThrownBy(() -> BinaryLocator.locate(r, e))
                .isInstanceOfSatisfying(WippyException.class, x -> assertThat(x.isUserError()).isTrue())
                .hasMessage(e.position() + ": app.l:w: WASM binary " + project.toAbsolutePath().normalize()
                        .resolve("wasm/w.wasm") + " not found (fs app.l:out, path /w.wasm); build it, or fix path");
    }

    @Test
    void aMissingDirectoryIsSaidToBeMissing() throws Exception {
        Registry r = registry("./build/wasm, auto_init: true");
        WasmEntry e = only(r);
        Path root = project.toAbsolutePath().normalize().resolve("build/wasm");
        assertThatThrownBy(() -> BinaryLocator.locate(r, e)).hasMessage(e.position() + ": app.l:w: WASM binary "
                + root.resolve("w.wasm") + " not found: the directory " + root + " of fs app.l:out does not exist"
                + " (auto_init creates it empty when a process mounts it, with no binary in it); build the binary into it, or fix the directory of app.l:out");
    }
}
