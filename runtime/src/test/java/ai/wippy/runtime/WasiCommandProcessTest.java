package ai.wippy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.command.TerminalOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A WASI 0.2 command component (fixtures/components command.wasm: a C program made a command by
 * jco's preview 1 adapter) run as a command: {@code method: run} finds {@code wasi:cli/run@0.2.3#run},
 * the command line becomes its arguments, its result is the exit code; an entry that does not grant a
 * profile the guest uses fails naming it (SPEC §4).
 */
class WasiCommandProcessTest {

    @TempDir
    Path project;

    private static final String MANIFEST = """
            namespace: app.cmd
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: hello
                kind: process.wasm
                meta: {command: {name: hello}}
                fs: app.cmd:assets
                path: /command.wasm
                hash: @sha256:components/command@
                method: run
                imports: [wasi:cli, wasi:io, wasi:poll, wasi:clocks, wasi:filesystem, wasi:random]
              - name: ungranted
                kind: process.wasm
                meta: {command: {name: ungranted}}
                fs: app.cmd:assets
                path: /command.wasm
                hash: @sha256:components/command@
                method: run
                imports: [wasi:cli, wasi:io, wasi:poll, wasi:clocks, wasi:random]
            """;

    private record Run(TerminalOutcome outcome, String out, String err) {
    }

    private Run run(EngineMode mode, String command, String... args) throws Exception {
        TestProjects.create(project, MANIFEST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (WippyRuntime wippy = WippyRuntime.builder(project).engine(EngineOptions.builder().mode(mode).build()).build()) {
            TerminalOutcome o = wippy.runCommand(command, List.of(args), new ByteArrayInputStream(new byte[0]), out, err);
            return new Run(o, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aWasiCommandGetsTheCommandLineAndPrints(EngineMode mode) throws Exception {
        Run r = run(mode, "hello", "hello", "two words", "ünï 😀", "");
        assertThat(r.outcome().exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("argc=5\nargv[0]=command.wasm\nargv[1]=hello\nargv[2]=two words\nargv[3]=ünï 😀\n"
                + "argv[4]=\nFIXTURE_GREETING=(unset)\n");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void itsResultIsTheExitCode(EngineMode mode) throws Exception {
        Run r = run(mode, "hello", "--fail");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("failing as asked\n");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER"})
    void aProfileTheEntryDoesNotGrantFailsNamingIt(EngineMode mode) throws Exception {
        Run r = run(mode, "ungranted");
        assertThat(r.outcome().exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("wasi:filesystem/preopens@0.2.3#get-directories: the entry does not grant"
                + " wasi:filesystem; add it to the entry's imports (imports: [wasi:filesystem])");
    }
}
