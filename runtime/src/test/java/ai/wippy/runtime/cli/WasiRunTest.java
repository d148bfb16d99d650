package ai.wippy.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasiRunTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return WasiRun.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void runsACommandWithArgumentsEnvironmentAndDirectories(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "x y\n");
        Path outDir = Files.createDirectories(dir.resolve("out"));
        assertThat(run("--dir", dir + "::/data", "--dir", outDir + "::/out", "--engine", "interpreter",
                Fixtures.path("file_processor").toString(), "/data", "/out")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a.txt: 1 2 4\n");
        assertThat(Files.readString(outDir.resolve("summary.txt"))).isEqualTo("a.txt: 1 2 4\n");
        out.reset();
        assertThat(run("--env", "B=2", "--env", "A=1", Fixtures.path("env_printer").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("B=2\nA=1\ncwd=/\n");
    }

    @Test
    void exitCodesTrapsAndUsageErrors() {
        assertThat(run(Fixtures.path("exit_code").toString(), "7")).isEqualTo(7);
        assertThat(run(Fixtures.path("trap").toString())).isEqualTo(134);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wippy-wasi: wasm trap: ");
        assertThat(run("--bogus", "x")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("--env", "NOEQUALS", "x.wasm")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--env takes NAME=VALUE, got NOEQUALS");
    }

    @Test
    void readOnlyDirectoriesRefuseWrites(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "x\n");
        assertThat(run("--ro-dir", dir + "::/data", "--ro-dir", dir + "::/out", Fixtures.path("file_processor").toString(),
                "/data", "/out")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("file_processor: /out/summary.txt: Read-only file system");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("a.txt"));
        }
    }
}
