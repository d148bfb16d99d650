package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.wippy.runtime.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Component Model specification tests ({@code .wast} scripts of WebAssembly/component-model
 * {@code test/}) run by {@link WastRunner}, like {@code wasmtime wast}. The scripts may not be copied
 * into the project (their SOURCE.md), so they are converted at test time, into
 * {@code runtime/target/conformance}, by {@code fixtures/conformance/convert.mjs} (Node.js and the npm
 * packages its package-lock.json pins, installed by {@code npm ci} in fixtures/conformance, as
 * {@code .ci/run} does). Without Node.js, those packages or the spec directory the test is skipped,
 * saying which. The directory is the system property {@code wippy.conformance.dir}, else the
 * environment variable {@code CM_SPEC_DIR}, else {@code <repo>/../shared/conformance/component-model-spec}.
 *
 * <p>Every failed assertion fails the test unless {@link #KNOWN_FAILURES} lists it with the reason; a
 * listed one that passes fails it too (remove it from the list). Components needing features beyond
 * WASI 0.2 (async, streams, futures, …) and text-format {@code assert_malformed} forms are
 * skipped by the runner, not failed.
 */
class ComponentSpecConformanceTest {

    /**
     * Assertions that fail for reasons outside this project, by {@code file:line} (the line of the
     * {@code invoke}). Each was checked against Chicory 1.7.5's source (InterpreterMachine); it fails
     * the same way in the interpreter and in compiled code.
     *
     * <p>(resources/borrows.wast:159 and resources/multiple-resources.wast:170 were here: Chicory
     * checks {@code call_indirect} by type index across instances. The modules of a component now get
     * one shared type section, {@code wasm.FunctionTypeHarmonizer}, so they pass.)
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of(
            "linking/tags.wast:134",
            "Chicory 1.7.5 matches a catch of an imported tag by the tag's function type, not by its identity"
                    + " (InterpreterMachine.THROW_REF: catch tag index < imported tags && paramsMatch && returnsMatch),"
                    + " so run-b's throw of instance $tag-b's tag is caught by `catch $t` of $tag-a: 42 instead of 77."
                    + " No rewrite of the modules can tell two instances of one tag module apart; the fix is in the"
                    + " linking of core function imports (engine.ComponentInstance), see the conformance README");

    static Path repo;
    static Path converted;

    @BeforeAll
    static void convert() throws IOException, InterruptedException {
        repo = Fixtures.dir().getParent().getParent();
        Path converter = repo.resolve("fixtures/conformance/convert.mjs");
        Path packages = repo.resolve("fixtures/conformance/node_modules/@bytecodealliance/jco-transpile");
        String fromProperty = System.getProperty("wippy.conformance.dir");
        String fromEnv = System.getenv("CM_SPEC_DIR");
        Path spec = fromProperty != null && !fromProperty.isBlank() ? Path.of(fromProperty)
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv)
                : repo.getParent().resolve("shared/conformance/component-model-spec");
        String specFrom = fromProperty != null && !fromProperty.isBlank() ? " (-Dwippy.conformance.dir)"
                : fromEnv != null && !fromEnv.isBlank() ? " (CM_SPEC_DIR)" : " (the default; set CM_SPEC_DIR or"
                + " -Dwippy.conformance.dir)";
        List<String> missing = new ArrayList<>();
        Path node = onPath("node");
        if (node == null) {
            missing.add("`node` is not on PATH (Node.js 20 or newer converts the .wast scripts)");
        }
        if (!Files.isDirectory(packages)) {
            missing.add("the converter's npm packages are not installed (" + repo.relativize(packages)
                    + " is missing: run `npm ci` in fixtures/conformance)");
        }
        if (!Files.isDirectory(spec.resolve("values"))) {
            missing.add("the Component Model spec tests are not at " + spec.toAbsolutePath().normalize() + specFrom);
        }
        if (!missing.isEmpty()) {
            String why = "Component Model spec conformance skipped: " + String.join("; ", missing);
            System.out.println("[spec conformance] " + why);
            Assumptions.abort(why);
        }
        converted = repo.resolve("runtime/target/conformance");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(node.toString(), converter.toString(), "--src", spec.toAbsolutePath().toString(),
                "--out", converted.toString()).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("convert.mjs did not finish within 5 minutes:\n" + output);
        }
        if (p.exitValue() != 0) {
            fail("node " + repo.relativize(converter) + " --src " + spec + " --out " + converted + " failed (exit "
                    + p.exitValue() + "):\n" + output);
        }
        System.out.printf("[spec conformance] converted %s in %d ms: %s%n", spec.toAbsolutePath().normalize(),
                (System.nanoTime() - t0) / 1_000_000, output.strip());
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void specTestsPass(EngineMode mode) throws IOException {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(converted)) {
            scripts = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(scripts).as("converted scripts in %s", converted).hasSizeGreaterThanOrEqualTo(20);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        WastRunner.Summary s;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            s = new WastRunner(EngineOptions.builder().mode(mode).build(), out, false).runAll(scripts);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, String> unexpected = new LinkedHashMap<>();
        Set<String> knownFailed = new TreeSet<>();
        for (WastRunner.Failure f : s.failures()) {
            if (KNOWN_FAILURES.containsKey(f.where())) {
                knownFailed.add(f.where());
            } else {
                unexpected.put(f.where(), f.message());
            }
        }
        Set<String> nowPassing = new TreeSet<>(KNOWN_FAILURES.keySet());
        nowPassing.removeAll(knownFailed);
        System.out.printf("[spec conformance] %s: %d scripts, %d passed, %d failed (%d known, %d unexpected), %d skipped,"
                + " in %d ms%n", mode, scripts.size(), s.passed(), s.failed(), knownFailed.size(), unexpected.size(),
                s.skipped(), ms);
        assertThat(s.failed()).isEqualTo(s.failures().size());
        StringBuilder problems = new StringBuilder();
        if (!unexpected.isEmpty()) {
            problems.append(unexpected.size()).append(" spec assertions failed in ").append(mode).append(":\n")
                    .append(unexpected.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("\n")))
                    .append('\n');
        }
        if (!nowPassing.isEmpty()) {
            problems.append("known failures that pass now in ").append(mode).append(" (remove them from KNOWN_FAILURES): ")
                    .append(nowPassing).append('\n');
        }
        if (problems.length() > 0) {
            fail(problems.toString().strip());
        }
        assertThat(s.passed()).as("passed assertions").isGreaterThan(500);
    }
}
