package ai.wippy.runtime;


import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.wippy.runtime.TestProjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed stdin reads as EOF, never as a host file (issue 7, item C). A JVM started with fd 0
 * closed puts its own {@code lib/modules} there, and {@code System.in} reads it: 128,651,445
 * bytes on JDK 17. These tests start a real child JVM from {@code bash} with stdin closed,
 * redirected from a file, piped and {@code /dev/null}, and run the {@code stdin_count} guest on
 * the console's stdin as {@code wippy:run} does.
 */
class ConsoleStdinTest {

    @TempDir
    Path dir;

    private Path project;

    @BeforeEach
    void project() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && Files.isExecutable(Path.of("/bin/bash")),
                "needs Linux's /proc and bash");
        project = TestProjects.create(dir.resolve("project"), """
                namespace: app.s
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: count, kind: process.wasm, meta: {command: {name: count}}, fs: app.s:assets,
                     path: /stdin_count.wasm, hash: "@sha256:stdin_count@", method: _start}
                """);
    }

    @Test
    void aClosedStdinReadsAsEndOfInputNotAsTheFileTheJvmPutOnFdZero() throws Exception {
        Result r = child("exec <&-; ");
        // the hazard is real: the raw System.in of that JVM offers the JDK's own file
        assertThat(r.stderr).containsPattern("raw System.in.available\\(\\)=[1-9][0-9]{6,}");
        assertThat(r.stdout).isEqualTo("read 0 bytes\n");
        assertThat(r.stderr).contains("debug: stdin reads as empty: fd 0 is "
                + Path.of(System.getProperty("java.home")).toRealPath() + "/lib/modules, a file of the JVM (inside"
                + " java.home): stdin was closed when the JVM started");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void aFileRedirectedToStdinIsRead() throws Exception {
        Path input = Files.write(dir.resolve("input.bin"), new byte[12_345]);
        Result r = child("exec < '" + input + "'; ");
        assertThat(r.stdout).isEqualTo("read 12345 bytes\n");
        assertThat(r.stderr).doesNotContain("stdin reads as empty");
    }

    @Test
    void aPipeAndDevNullAreRead() throws Exception {
        assertThat(child("exec < <(printf 'hello'); ").stdout).isEqualTo("read 5 bytes\n");
        Result devNull = child("exec < /dev/null; ");
        assertThat(devNull.stdout).isEqualTo("read 0 bytes\n");
        assertThat(devNull.stderr).doesNotContain("stdin reads as empty");
    }

    @Test
    void aFileTheJvmMappedIsNotTheUsersEvenOutsideJavaHome() throws IOException {
        Path file = Files.write(dir.resolve("archive.jsa"), new byte[] {1, 2, 3});
        Path fd = Files.createDirectories(dir.resolve("fd"));
        Path fd0 = Files.createSymbolicLink(fd.resolve("0"), file);
        Object inode = Files.getAttribute(file, "unix:ino");
        Path maps = Files.writeString(dir.resolve("maps"), "7f79e8400000-7f79efeb2000 r--s 00000000 fe:00 " + inode
                + "                     " + file + "\n");
        Path otherHome = Files.createDirectories(dir.resolve("jdk"));
        assertThat(ConsoleStdin.notTheUsers(fd0, maps, otherHome)).hasValue("fd 0 is " + file + ", a file the JVM has"
                + " mapped into memory: stdin was closed when the JVM started");
        // the same file, not mapped: a file the user redirected
        Path noMaps = Files.writeString(dir.resolve("maps2"), "7f79e8400000-7f79efeb2000 r-xp 00000000 fe:00 1 /lib/x.so\n");
        assertThat(ConsoleStdin.notTheUsers(fd0, noMaps, otherHome)).isEmpty();
        // inside java.home
        assertThat(ConsoleStdin.notTheUsers(fd0, noMaps, dir)).hasValueSatisfying(
                why -> assertThat(why).endsWith("a file of the JVM (inside java.home): stdin was closed when the JVM started"));
        // no fd 0 at all
        assertThat(ConsoleStdin.notTheUsers(fd.resolve("1"), noMaps, otherHome)).hasValue("fd 0 is closed");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@link StdinProbe} in a child JVM after {@code redirect} (bash) set up its stdin. */
    private Result child(String redirect) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = redirect + "exec \"$0\" -cp \"$1\" " + StdinProbe.class.getName() + " \"$2\"";
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of("/bin/bash", "-c", script, java, System.getProperty("java.class.path"),
                project.toString())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
