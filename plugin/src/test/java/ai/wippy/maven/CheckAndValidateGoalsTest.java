package ai.wippy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code check} and {@code validate} report on real projects written into a temporary directory. */
@MojoTest
class CheckAndValidateGoalsTest {

    /** {@code add(i32, i32) -> i32}, a valid core module of 41 bytes (its code section is at 0x1e). */
    private static final byte[] ADD = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02,
        0x7f, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09,
        0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b};

    @TempDir
    Path project;

    /** A log that keeps what the goal says at each level. */
    static final class Captured extends SystemStreamLog {
        final List<String> info = new ArrayList<>();
        final List<String> warn = new ArrayList<>();
        final List<String> error = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            info.add(content.toString());
        }

        @Override
        public void warn(CharSequence content) {
            warn.add(content.toString());
        }

        @Override
        public void error(CharSequence content) {
            error.add(content.toString());
        }
    }

    private Captured use(AbstractWippyMojo mojo) {
        mojo.basedir = project.toFile();
        mojo.sourceDirectories = null;
        Captured log = new Captured();
        mojo.setLog(log);
        return log;
    }

    private void manifest(String text) throws IOException {
        Files.createDirectories(project.resolve("src/main/wippy"));
        Files.writeString(project.resolve("src/main/wippy/_index.yaml"), text);
    }

    private String binary(String name, byte[] bytes) throws IOException {
        Files.createDirectories(project.resolve("wasm"));
        Files.write(project.resolve("wasm/" + name), bytes);
        return sha256(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "check")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void aTruncatedBinaryWhoseHashMatchesFailsTheCheckWithItsOffset(CheckMojo mojo) throws Exception {
        Captured log = use(mojo);
        String hash = binary("add.wasm", Arrays.copyOf(ADD, ADD.length - 3));
        manifest("namespace: app\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + "  - {name: compute, kind: process.wasm, fs: app:assets, path: /add.wasm, hash: \"" + hash
                + "\", method: add}\n");
        String problem = "src/main/wippy/_index.yaml:4:6: app:compute: wasm/add.wasm: invalid WebAssembly module at"
                + " offset 0x1f: code section size 9 exceeds the file (6 bytes left)";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("1 of 1 WASM binaries failed the check:\n  " + problem + "\nA binary that is not valid"
                        + " WebAssembly cannot run: build it again (a truncated file is often an interrupted build or copy),"
                        + " or fix the toolchain that produced it");
        assertThat(log.error).containsExactly(problem);
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "check")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void aValidBinarySaysWhatWasChecked(CheckMojo mojo) throws Exception {
        Captured log = use(mojo);
        String hash = binary("add.wasm", ADD);
        manifest("namespace: app\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n"
                + "  - {name: compute, kind: process.wasm, fs: app:assets, path: /add.wasm, hash: \"" + hash
                + "\", method: add}\n");
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.info).containsExactly("Checked 1 WASM binary: all hashes match, all decode and validate");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "check")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void aMissingAutoInitDirectoryIsNamedByCheck(CheckMojo mojo) throws Exception {
        use(mojo);
        manifest("namespace: app\nentries:\n  - {name: out, kind: fs.directory, directory: ./target/wasm, auto_init: true}\n"
                + "  - {name: compute, kind: process.wasm, fs: app:out, path: /add.wasm, hash: \"sha256:00\", method: add}\n");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("1 of 1 WASM binaries failed the check:\n  src/main/wippy/_index.yaml:4:6: app:compute:"
                        + " WASM binary target/wasm/add.wasm not found: the directory target/wasm of fs app:out does not"
                        + " exist (auto_init creates it empty when a process mounts it, with no binary in it); build the"
                        + " binary into it, or fix the directory of app:out");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void aMissingDirectoryFailsValidate(ValidateMojo mojo) throws Exception {
        Captured log = use(mojo);
        manifest("namespace: app\nentries:\n  - {name: assets, kind: fs.directory, directory: ./wasm}\n");
        String problem = "src/main/wippy/_index.yaml:3:40: app:assets: directory ./wasm does not exist ("
                + project.resolve("wasm") + "); create it, fix the path, or set auto_init: true to have it created when a"
                + " process mounts it";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("1 problem in Wippy manifests:\n  " + problem);
        assertThat(log.error).containsExactly(problem);
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void warningsAreLoggedAtWarnLevelAndDoNotFailTheBuild(ValidateMojo mojo) throws Exception {
        Captured log = use(mojo);
        Files.createDirectories(project.resolve("data"));
        manifest("""
                namespace: app
                entries:
                  - {name: data, kind: fs.directory, directory: ./data}
                  - name: worker
                    kind: process.wasm
                    fs: app:data
                    path: /w.wasm
                    hash: sha256:00
                    method: run
                    wasi:
                      mounts:
                        - {fs: app:data, guest: /in, read_only: true}
                        - {fs: app:data, guest: /out}
                """);
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.warn).containsExactly("src/main/wippy/_index.yaml:12:38: app:worker: read-only mount /in and"
                + " writable mount /out are the same host directory (" + project.resolve("data").toRealPath() + "): the"
                + " guest can write it through /out, so read_only: true does not protect it; mount it once, or make both"
                + " mounts read-only");
        assertThat(log.error).isEmpty();
        assertThat(log.info).containsExactly("Validated 2 Wippy entries (1 WASM) in 1 manifest file(s), 1 warning");
    }
}
