package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiMount;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the cases of {@code fixtures/crosscheck/cases.json} and compares stdout, stderr and exit code
 * with what Node.js's {@code node:wasi} (a second implementation of WASI preview 1) produced for the
 * same programs ({@code fixtures/crosscheck/expected/*.json}, recorded by {@code record.sh}).
 */
class NodeCrossCheckTest {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> matchesNodeWasi() throws IOException {
        Path root = Fixtures.dir().getParent().resolve("crosscheck");
        List<Map<String, Object>> cases = new Yaml().load(Files.readString(root.resolve("cases.json")));
        assertThat(cases).hasSizeGreaterThan(10);
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(root, c)));
    }

    @SuppressWarnings("unchecked")
    private void check(Path root, Map<String, Object> c) throws IOException {
        String name = (String) c.get("name");
        Map<String, Object> expected = new Yaml().load(Files.readString(root.resolve("expected/" + name + ".json")));
        Path wasm = Fixtures.dir().resolve((String) c.get("wasm"));
        List<String> argv = new ArrayList<>();
        argv.add(wasm.getFileName().toString());
        argv.addAll((List<String>) c.getOrDefault("args", List.of()));
        List<Map.Entry<String, String>> env = new ArrayList<>();
        ((Map<String, Object>) c.getOrDefault("env", Map.of())).forEach((k, v) -> env.add(Map.entry(k, String.valueOf(v))));
        List<WasiMount> mounts = new ArrayList<>();
        Path caseDir = Files.createDirectories(work.resolve(name));
        for (Map<String, Object> m : (List<Map<String, Object>>) c.getOrDefault("mounts", List.of())) {
            Path host = caseDir.resolve((String) m.get("host"));
            copyTree(root.resolve("data").resolve((String) m.get("host")), host);
            mounts.add(new WasiMount((String) m.get("guest"), host, Boolean.TRUE.equals(m.get("readOnly"))));
        }
        String stdin = (String) c.getOrDefault("stdin", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiOptions wasi = WasiOptions.builder().arguments(argv).environment(env).mounts(mounts)
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).stdout(out).stderr(err).build();
        int exitCode;
        boolean trapped = false;
        Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load(wasm.toString(), Files.readAllBytes(wasm));
        try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
            e.call("_start", null, List.of(), true);
            exitCode = 0;
        } catch (WasmCallException x) {
            if (x.reason() == WasmCallException.Reason.EXIT) {
                exitCode = x.exitCode();
            } else {
                trapped = true;
                exitCode = 1;
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout of %s", name).isEqualTo(expected.get("stdout"));
        assertThat(exitCode).as("exit code of %s", name).isEqualTo(((Number) expected.get("exitCode")).intValue());
        if (!trapped) {
            // Node reports a trap with its own message on stderr; everything else must match byte for byte
            assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr of %s", name).isEqualTo(expected.get("stderr"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            Files.createDirectories(to);
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
