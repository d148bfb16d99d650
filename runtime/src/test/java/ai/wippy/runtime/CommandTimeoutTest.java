package ai.wippy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.process.TimeLimit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose entry sets no {@code max_execution_ms} ends at the caller's fallback limit (the
 * plugin's {@code wippy.timeout}) instead of running forever, and the message names that limit; an
 * entry's own limit always applies instead of the fallback.
 */
class CommandTimeoutTest {

    @TempDir
    Path project;

    private static final TimeLimit FALLBACK = new TimeLimit(400, "wippy.timeout");

    @Test
    void aCommandWithoutALimitOfItsOwnEndsAtTheFallbackNamingIt() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long start = System.nanoTime();
            TerminalOutcome o = wippy.runCommand("spin", List.of(), empty(), new ByteArrayOutputStream(), err, FALLBACK);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(o.exitCode()).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .endsWith("execution timed out after 400 ms (wippy.timeout)\n");
            assertThat(millis).isBetween(400L, 400L + 5_000L);
        }
    }

    @Test
    void anEntrysOwnLimitAppliesInsteadOfTheFallback() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            TerminalOutcome o = wippy.runEntry("app.c:spin_limited", List.of(), empty(), new ByteArrayOutputStream(), err,
                    new TimeLimit(60_000, "wippy.timeout"));
            assertThat(o.exitCode()).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .endsWith("execution timed out after 300 ms (limits.max_execution_ms)\n");
        }
    }

    @Test
    void aCommandThatEndsInTimeIsUntouchedByTheFallback() throws Exception {
        try (WippyRuntime wippy = runtime()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TerminalOutcome o = wippy.runEntry("app.c:greet", List.of("You"), empty(), out, new ByteArrayOutputStream(),
                    new TimeLimit(60_000, "wippy.timeout"));
            assertThat(o.exitCode()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, You!\n");
        }
    }

    private WippyRuntime runtime() {
        TestProjects.create(project, """
                namespace: app.c
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: spin, kind: process.wasm, meta: {command: {name: spin}}, fs: app.c:assets,
                     path: /busy_loop.wasm, hash: "@sha256:busy_loop@", method: _start}
                  - {name: spin_limited, kind: process.wasm, fs: app.c:assets, path: /busy_loop.wasm,
                     hash: "@sha256:busy_loop@", method: _start, limits: {max_execution_ms: 300}}
                  - {name: greet, kind: process.wasm, fs: app.c:assets, path: /greeter.wasm,
                     hash: "@sha256:greeter@", method: _start}
                """);
        return WippyRuntime.builder(project).build();
    }

    private static ByteArrayInputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }
}
