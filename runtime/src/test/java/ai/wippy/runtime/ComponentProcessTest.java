package ai.wippy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.process.ExitEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components as processes and commands, as the seed's own examples use them: Wippy's
 * {@code minimal_component}-style compute worker ({@code compute(6, 7) = 42}, and
 * {@code compute-using-host} calling the imported {@code test:minimal/host#add}), and a greeter.
 */
class ComponentProcessTest {

    @TempDir
    Path project;

    private static final String MANIFEST = """
            namespace: app.test
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute_worker
                kind: process.wasm
                fs: app.test:assets
                path: /minimal.wasm
                hash: @sha256:components/minimal@
                method: compute
              - name: compute_host
                kind: process.wasm
                fs: app.test:assets
                path: /minimal.wasm
                hash: @sha256:components/minimal@
                method: compute-using-host
              - name: greet
                kind: process.wasm
                meta: {command: {name: greet}}
                fs: app.test:assets
                path: /greeter.wasm
                hash: @sha256:components/greeter@
                method: greet
            """;

    private WippyRuntime runtime(EngineMode mode, HostInterface... hosts) {
        TestProjects.create(project, MANIFEST);
        WippyRuntime.Builder b = WippyRuntime.builder(project).engine(EngineOptions.builder().mode(mode).build());
        for (HostInterface h : hosts) {
            b.hostInterface(h);
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aComponentProcessDeliversItsExitValue(EngineMode mode) throws Exception {
        try (WippyRuntime wippy = runtime(mode)) {
            wippy.spawnMonitored("app.test:compute_worker", null, 6, 7);
            ExitEvent exit = wippy.receive(Duration.ofSeconds(20)).orElseThrow();
            assertThat(exit.result().error()).isNull();
            assertThat(exit.result().value()).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void anImportNoHostProvidesTrapsWhenCalledAndAJavaHostInterfaceServesIt(EngineMode mode) throws Exception {
        try (WippyRuntime wippy = runtime(mode)) {
            wippy.spawnMonitored("app.test:compute_host", null, 6, 7);
            ExitEvent exit = wippy.receive(Duration.ofSeconds(20)).orElseThrow();
            assertThat(exit.result().error())
                    .isEqualTo("failed to call wasm method: compute-using-host: unresolved host import"
                            + " \"test:minimal/host@0.1.0#add\"");
        }
        // a host at a compatible later version serves the 0.1.0 import
        HostInterface host = HostInterface.named("test:minimal/host@0.1.7")
                .function("add", args -> (Integer) args.get(0) + (Integer) args.get(1))
                .build();
        try (WippyRuntime wippy = runtime(mode, host)) {
            wippy.spawnMonitored("app.test:compute_host", null, 6, 7);
            ExitEvent exit = wippy.receive(Duration.ofSeconds(20)).orElseThrow();
            assertThat(exit.result().error()).isNull();
            assertThat(exit.result().value()).isEqualTo(13);
        }
        // but not an incompatible one
        HostInterface other = HostInterface.named("test:minimal/host@0.2.0").function("add", args -> 0).build();
        try (WippyRuntime wippy = runtime(mode, other)) {
            wippy.spawnMonitored("app.test:compute_host", null, 6, 7);
            assertThat(wippy.receive(Duration.ofSeconds(20)).orElseThrow().result().error())
                    .contains("unresolved host import");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aHostFunctionReturningTheWrongTypeTrapsTheGuestWithAMessage(EngineMode mode) throws Exception {
        HostInterface host = HostInterface.named("test:minimal/host@0.1.0").function("add", args -> "six").build();
        try (WippyRuntime wippy = runtime(mode, host)) {
            wippy.spawnMonitored("app.test:compute_host", null, 6, 7);
            assertThat(wippy.receive(Duration.ofSeconds(20)).orElseThrow().result().error())
                    .contains("host function \"test:minimal/host@0.1.0#add\" returned a value that does not fit s32")
                    .contains("cannot convert \"six\" to s32");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aComponentCommandPrintsItsStringResult(EngineMode mode) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (WippyRuntime wippy = runtime(mode)) {
            TerminalOutcome o = wippy.runCommand("greet", List.of("World"), new ByteArrayInputStream(new byte[0]),
                    out, err);
            assertThat(o.exitCode()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, World!\n");
    }
}
