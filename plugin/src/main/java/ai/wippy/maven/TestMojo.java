package ai.wippy.maven;

import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.testing.JUnitReportWriter;
import ai.wippy.runtime.testing.TestCase;
import ai.wippy.runtime.testing.TestDiscovery;
import ai.wippy.runtime.testing.TestOutcome;
import ai.wippy.runtime.testing.TestRunner;
import ai.wippy.runtime.testing.TestSelector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the project's WASM integration tests (SPEC §9) in parallel, writes one JUnit XML report per
 * suite under {@code target/wippy-reports/} (Surefire's format), prints a line per finished test
 * and a summary, and fails the build on failures. A test's output reaches the log bounded (its first
 * and last lines) and goes whole to {@code <reportsDirectory>/<test-id>-output.txt} (at most 64 MiB). Honours {@code skipTests}, {@code skipITs},
 * {@code maven.test.skip} and {@code maven.test.failure.ignore} like Surefire and Failsafe.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true, requiresProject = true)
public class TestMojo extends AbstractWippyMojo {

    /** Skips this goal only. */
    @Parameter(property = "wippy.test.skip", defaultValue = "false")
    protected boolean skipWippyTests;

    /** Maven's switch for every test goal. */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Maven's switch for integration tests. */
    @Parameter(property = "skipITs", defaultValue = "false")
    protected boolean skipITs;

    /** Maven's switch that skips compiling and running tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    /** Report failures but do not fail the build. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    protected boolean testFailureIgnore;

    /** Fail when no test is found (or selected). */
    @Parameter(property = "wippy.test.failIfNoTests", defaultValue = "false")
    protected boolean failIfNoTests;

    /** Which tests to run: comma-separated globs over {@code ns:name}, {@code name} or {@code suite/name}; {@code !} excludes. */
    @Parameter(property = "wippy.test")
    protected String test;

    /** How many tests run at once. Default: the number of processors. */
    @Parameter(property = "wippy.test.threads")
    protected Integer threads;

    /** Where the JUnit XML reports go, and each test's whole output ({@code <test-id>-output.txt}). */
    @Parameter(property = "wippy.reportsDirectory", defaultValue = "${project.build.directory}/wippy-reports")
    protected File reportsDirectory;

    @Override
    protected String goal() {
        return "test";
    }

    @Override
    protected boolean skipGoal() {
        return false;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        String why = skipTests ? "skipTests" : skipITs ? "skipITs" : mavenTestSkip ? "maven.test.skip"
                : skipWippyTests ? "wippy.test.skip" : null;
        if (why != null) {
            getLog().info("Tests are skipped (" + why + "=true)");
            return;
        }
        LoadResult loaded = loadValidManifests();
        TestSelector selector = TestSelector.parse(test);
        List<TestCase> tests = TestDiscovery.discover(loaded.registry()).stream().filter(selector::selects).toList();
        if (tests.isEmpty()) {
            String message = "No WASM tests " + (test == null ? "found" : "match wippy.test=" + test)
                    + " (a test is a test.process entry, or a process.wasm entry with meta.type: test)";
            if (failIfNoTests) {
                throw new MojoFailureException(message + "; wippy.test.failIfNoTests=true");
            }
            getLog().info(message);
            return;
        }
        int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        getLog().info("");
        getLog().info("Running " + tests.size() + " WASM test" + (tests.size() == 1 ? "" : "s") + " ("
                + parallel + " at a time)");
        long start = System.nanoTime();
        List<TestOutcome> outcomes;
        try (WippyRuntime runtime = WippyRuntime.builder(manifestOptions()).engine(engineOptions())
                .hostInterfacesFrom(getClass().getClassLoader())
                .log(new MavenRuntimeLog(getLog())).build(loaded.registry())) {
            outcomes = new TestRunner(runtime, parallel, this::progress, getLog()::info, 10_000,
                    reportsDirectory.toPath()).run(tests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while running WASM tests", e);
        }
        try {
            List<Path> reports = JUnitReportWriter.write(reportsDirectory.toPath(), outcomes);
            getLog().debug("Wrote " + reports);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write test reports to " + reportsDirectory + ": " + e.getMessage(), e);
        }
        summarize(outcomes, (System.nanoTime() - start) / 1_000_000);
    }

    private void progress(TestOutcome o) {
        String line = String.format(Locale.ROOT, "%s %s (%.3f s)", o.status() == TestOutcome.Status.PASSED ? "PASS"
                : o.status() == TestOutcome.Status.FAILED ? "FAIL" : "ERROR", o.test().id(), o.millis() / 1000.0);
        if (o.passed()) {
            getLog().info(line);
        } else {
            getLog().error(line + ": " + o.message());
        }
    }

    private void summarize(List<TestOutcome> outcomes, long millis) throws MojoFailureException {
        Map<String, int[]> suites = new LinkedHashMap<>();
        for (TestOutcome o : outcomes) {
            int[] c = suites.computeIfAbsent(o.test().suite(), s -> new int[3]);
            c[0]++;
            c[1] += o.status() == TestOutcome.Status.FAILED ? 1 : 0;
            c[2] += o.status() == TestOutcome.Status.ERROR ? 1 : 0;
        }
        getLog().info("");
        suites.forEach((suite, c) -> getLog().info(String.format(Locale.ROOT,
                "Tests run: %d, Failures: %d, Errors: %d, Skipped: 0 -- in %s", c[0], c[1], c[2], suite)));
        long failures = outcomes.stream().filter(o -> o.status() == TestOutcome.Status.FAILED).count();
        long errors = outcomes.stream().filter(o -> o.status() == TestOutcome.Status.ERROR).count();
        getLog().info("");
        getLog().info("Results:");
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> getLog().error("  " + o.test().id() + " " + o.message()));
        String totals = String.format(Locale.ROOT, "WASM tests run: %d, Failures: %d, Errors: %d, Skipped: 0, Time elapsed: %.3f s",
                outcomes.size(), failures, errors, millis / 1000.0);
        if (failures + errors == 0) {
            getLog().info(totals);
            getLog().info("Reports: " + reportsDirectory);
            return;
        }
        getLog().error(totals);
        getLog().error("Reports: " + reportsDirectory);
        String message = "There are WASM test failures (" + failures + " failed, " + errors + " errors); see "
                + reportsDirectory;
        if (testFailureIgnore) {
            getLog().error(message + " (ignored: maven.test.failure.ignore=true)");
            return;
        }
        throw new MojoFailureException(message);
    }
}
