package ai.wippy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Pid;
import ai.wippy.runtime.process.ProcessResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WippyRuntimeTest {

    @TempDir
    Path project;

    private static final String HEADER = """
            namespace: app.test
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: processes
                kind: process.host
                host: {workers: 2, queue_size: 100, max_processes: 1000}
            """;

    private WippyRuntime runtime(String entries) {
        TestProjects.create(project, HEADER + entries);
        return WippyRuntime.builder(project).engine(EngineOptions.builder().mode(EngineMode.AUTO).build()).build();
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void spawnMonitoredDeliversTheExitValue() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: compute
                    kind: process.wasm
                    fs: app.test:assets
                    path: /compute.wasm
                    hash: @sha256:compute@
                    method: compute
                    wit: "compute: func(a: s32, b: s32) -> s32;"
                """)) {
            Pid pid = wippy.spawnMonitored("app.test:compute", "app.test:processes", 6, 7);
            ExitEvent exit = wippy.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(exit.kind()).isEqualTo("pid.exit");
            assertThat(exit.from()).isEqualTo(pid);
            assertThat(exit.result().value()).isEqualTo(42);
            assertThat(exit.result().error()).isNull();
        }
    }

    @Test
    void aCommandGetsItsArgumentsAndPrintsToTheTerminal() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: greet
                    kind: process.wasm
                    meta: {command: {name: greet}}
                    fs: app.test:assets
                    path: /greeter.wasm
                    hash: @sha256:greeter@
                    method: _start
                """)) {
            TerminalOutcome o = wippy.runCommand("greet", List.of("Maven"), new ByteArrayInputStream(new byte[0]), out, err);
            assertThat(o.exitCode()).isZero();
            assertThat(out()).isEqualTo("Hello, Maven!\n");
        }
    }

    @Test
    void stdinIsPassedThroughToACommand() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: cat
                    kind: process.wasm
                    meta: {command: {name: cat}}
                    fs: app.test:assets
                    path: /cat.wasm
                    hash: @sha256:cat@
                    method: _start
                """)) {
            byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
            TerminalOutcome o = wippy.runCommand("cat", List.of(), new ByteArrayInputStream(input), out, err);
            assertThat(o.exitCode()).isZero();
            assertThat(out()).isEqualTo("line one\nline two\n");
        }
    }

    @Test
    void aStringResultIsPrintedAndANumberIsTheExitCode() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: hello
                    kind: process.wasm
                    meta: {command: {name: hello}}
                    fs: app.test:assets
                    path: /strings.wasm
                    hash: @sha256:strings@
                    method: greet
                    wit: "greet: func(name: string) -> string;"
                  - name: mul
                    kind: process.wasm
                    meta: {command: {name: mul}}
                    fs: app.test:assets
                    path: /compute.wasm
                    hash: @sha256:compute@
                    method: compute
                    wit: "compute: func(a: s32, b: s32) -> s32;"
                """)) {
            assertThat(wippy.runCommand("hello", List.of("you"), InputStreamOf.empty(), out, err).exitCode()).isZero();
            assertThat(out()).isEqualTo("Hello, you!\n");
            assertThat(wippy.runCommand("mul", List.of("6", "7"), InputStreamOf.empty(), out, err).exitCode()).isEqualTo(42);
            TerminalOutcome bad = wippy.runCommand("mul", List.of("6"), InputStreamOf.empty(), out, err);
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("failed to call wasm method: compute: parameter count mismatch: expected 2, got 1\n");
        }
    }

    @Test
    void anUnknownCommandSaysHowToListThem() {
        try (WippyRuntime wippy = runtime("")) {
            assertThatThrownBy(() -> wippy.runCommand("nope", List.of(), InputStreamOf.empty(), out, err))
                    .isInstanceOf(WippyException.class)
                    .hasMessage("command \"nope\" not found. Use 'mvn wippy:run -Dcommand=list' to see available commands");
        }
    }

    @Test
    void aTamperedBinaryIsNeverInstantiated() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: compute
                    kind: process.wasm
                    fs: app.test:assets
                    path: /compute.wasm
                    hash: @sha256:compute@
                    method: compute
                """)) {
            Path wasm = project.resolve("wasm/compute.wasm");
            Files.write(wasm, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
            ProcessResult r = wippy.call("app.test:compute", List.of(6, 7));
            assertThat(r.error()).startsWith("app.test:compute: hash verification failed for ")
                    .contains("hash mismatch: expected sha256:" + TestProjects.sha256(Fixtures.bytes("compute"))
                            + ", got sha256:" + TestProjects.sha256(Files.readAllBytes(wasm)));
        }
    }

    @Test
    void envVariablesComeOnlyFromTheWasiBlockSortedByName() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: vals
                    kind: env.storage.static
                    values: {zeta: "last", alpha: "first", empty: ""}
                  - {name: z, kind: env.variable, storage: app.test:vals, variable: zeta}
                  - {name: a, kind: env.variable, storage: app.test:vals, variable: alpha}
                  - {name: e, kind: env.variable, storage: app.test:vals, variable: empty}
                  - name: env
                    kind: process.wasm
                    fs: app.test:assets
                    path: /env_printer.wasm
                    hash: @sha256:env_printer@
                    method: _start
                    wasi:
                      cwd: /
                      env:
                        - {id: app.test:z, name: ZED}
                        - {id: app.test:a, name: ALPHA}
                        - {id: app.test:e, name: OPTIONAL_EMPTY}
                  - name: env_required
                    kind: process.wasm
                    fs: app.test:assets
                    path: /env_printer.wasm
                    hash: @sha256:env_printer@
                    method: _start
                    wasi:
                      env:
                        - {id: app.test:e, name: NEEDED, required: true}
                """)) {
            ProcessResult r = wippy.call("app.test:env", List.of());
            assertThat(r.error()).isNull();
            assertThat(r.stdout()).isEqualTo("ALPHA=first\nZED=last\ncwd=/\n");
            ProcessResult missing = wippy.call("app.test:env_required", List.of());
            assertThat(missing.error()).isEqualTo("required wasi env variable not found: app.test:e");
        }
    }

    @Test
    void aDeadlineStopsABusyGuest() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: spin
                    kind: process.wasm
                    fs: app.test:assets
                    path: /busy_loop.wasm
                    hash: @sha256:busy_loop@
                    method: _start
                    limits: {max_execution_ms: 300}
                """)) {
            long start = System.nanoTime();
            ProcessResult r = wippy.call("app.test:spin", List.of());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.error()).isEqualTo(
                    "failed to call wasm method: _start: execution timed out after 300 ms (limits.max_execution_ms)");
            // the 100 ms precision is EngineTest's; here: the endless guest ends (compiling it may take a moment)
            assertThat(ms).isLessThan(5000);
        }
    }

    @Test
    void terminateStopsASleepingGuest() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: sleep
                    kind: process.wasm
                    fs: app.test:assets
                    path: /sleeper.wasm
                    hash: @sha256:sleeper@
                    method: _start
                    wasi: {args: ["60000"]}
                """)) {
            Pid pid = wippy.spawnMonitored("app.test:sleep", null);
            Thread.sleep(200);
            assertThat(wippy.terminate(pid)).isTrue();
            ExitEvent exit = wippy.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(exit.result().error()).isEqualTo("failed to call wasm method: _start: terminated");
        }
    }

    @Test
    void manySleepingGuestsWaitConcurrently() throws Exception {
        try (WippyRuntime wippy = runtime("""
                  - name: nap
                    kind: process.wasm
                    fs: app.test:assets
                    path: /sleeper.wasm
                    hash: @sha256:sleeper@
                    method: _start
                    wasi: {args: ["300"]}
                """)) {
            long start = System.nanoTime();
            int n = 200;
            for (int i = 0; i < n; i++) {
                wippy.spawnMonitored("app.test:nap", null);
            }
            Set<String> outputs = new HashSet<>();
            for (int i = 0; i < n; i++) {
                ProcessResult r = wippy.receive(Duration.ofSeconds(30)).orElseThrow().result();
                assertThat(r.error()).isNull();
                outputs.add(r.stdout());
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(outputs).containsExactly("slept 300 ms\n");
            // 200 x 300 ms one after the other would take a minute; together they take a few seconds at most
            assertThat(ms).isLessThan(15_000);
        }
    }

    /** Tiny helper: an empty stdin. */
    static final class InputStreamOf {
        static ByteArrayInputStream empty() {
            return new ByteArrayInputStream(new byte[0]);
        }
    }
}
