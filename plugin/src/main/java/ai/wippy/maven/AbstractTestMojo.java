package ai.wippy.maven;

import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.testing.JUnitReportWriter;
import ai.wippy.runtime.testing.TestCase;
import ai.wippy.runtime.testing.TestDiscovery;
import ai.wippy.runtime.testing.TestOutcome;
import ai.wippy.runtime.testing.TestRunner;
import ai.wippy.runtime.testing.TestSelector;
import ai.wippy.runtime.testing.TestShard;
import ai.wippy.runtime.testing.TestSummary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that run WASM tests share ({@code test}, and {@code integration-test} of the
 * Failsafe-style pair): which tests (selection, shard), how many at once, where the reports go,
 * Surefire's and Failsafe's skip switches. {@link #runTests()} runs them, writes the reports and the
 * summary, and logs Surefire's summary lines; the goal decides when the build fails.
 */
abstract class AbstractTestMojo extends AbstractGuestMojo {

    /** Skips the WASM tests only. */
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

    /** Fail when the project has no WASM test at all. */
    @Parameter(property = "wippy.test.failIfNoTests", defaultValue = "false")
    protected boolean failIfNoTests;

    /**
     * Fail when {@code wippy.test} matches no test, as Surefire does with {@code -Dtest}: a
     * misspelt pattern should not pass silently. {@code false} lets it pass.
     */
    @Parameter(property = "wippy.test.failIfNoSpecifiedTests", defaultValue = "true")
    protected boolean failIfNoSpecifiedTests;

    /** Which tests to run: comma-separated globs over {@code ns:name}, {@code name} or {@code suite/name}; {@code !} excludes. */
    @Parameter(property = "wippy.test")
    protected String test;

    /**
     * Runs only shard {@code k} of {@code n} of the selected tests ({@code 2/4}), to spread a suite
     * over the machines of a CI matrix. The split is by test ID: every machine computes the same one,
     * each test runs in exactly one shard, shard sizes differ by at most one, and adding a test moves
     * at most {@code n - 1} others. Reports are named {@code TEST-<suite>-shard-<k>-of-<n>.xml} so the
     * shards' reports can be gathered in one directory.
     */
    @Parameter(property = "wippy.test.shard")
    protected String shard;

    /** How many tests run at once (at least 1). Default: the number of processors. */
    @Parameter(property = "wippy.test.threads")
    protected Integer threads;

    /** Where the JUnit XML reports go, and each test's whole output ({@code <test-id>-output.txt}). */
    @Parameter(property = "wippy.reportsDirectory", defaultValue = "${project.build.directory}/wippy-reports")
    protected File reportsDirectory;

    /**
     * The run's summary in Failsafe's {@code failsafe-summary.xml} format, which {@code wippy:verify}
     * reads to fail the build after {@code post-integration-test}.
     */
    @Parameter(property = "wippy.summaryFile", defaultValue = "${project.build.directory}/wippy-reports/wippy-summary.xml")
    protected File summaryFile;

    @Override
    protected boolean skipGoal() {
        return false;
    }

    /** Why the tests are skipped (Surefire's and Failsafe's switches), or null. */
    protected String skippedBecause() {
        return skipTests ? "skipTests" : skipITs ? "skipITs" : mavenTestSkip ? "maven.test.skip"
                : skipWippyTests ? "wippy.test.skip" : null;
    }

    /**
     * Runs the selected tests; writes their reports and the summary file; logs a line per test and
     * Surefire's summary. Returns null when the tests are skipped. Mistakes in the configuration
     * (shard, threads) fail at once, before anything runs.
     */
    protected TestSummary runTests() throws MojoExecutionException, MojoFailureException {
        String why = skippedBecause();
        if (why != null) {
            getLog().info("Tests are skipped (" + why + "=true)");
            return null;
        }
        TestShard part = TestShard.parse(shard);
        int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        TestRunner.checkThreads(parallel);
        deleteStaleSummary();
        LoadResult loaded = loadValidManifests();
        List<TestCase> discovered = TestDiscovery.discover(loaded.registry());
        TestSelector selector = TestSelector.parse(test);
        List<TestCase> matched = discovered.stream().filter(selector::selects).toList();
        if (matched.isEmpty()) {
            return noTests();
        }
        List<TestCase> tests = part.select(matched);
        String of = part.isAll() ? "" : " of " + matched.size() + " (shard " + part + ")";
        getLog().info("");
        if (tests.isEmpty()) {
            getLog().info("No WASM tests in shard " + part + ": " + matched.size() + " test"
                    + (matched.size() == 1 ? "" : "s") + " over " + part.total() + " shards leave this one empty");
            return written(new TestSummary(0, 0, 0, 0, null));
        }
        getLog().info("Running " + tests.size() + " WASM test" + (tests.size() == 1 ? "" : "s") + of + " ("
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
            List<Path> reports = JUnitReportWriter.write(reportsDirectory.toPath(), outcomes, part);
            getLog().debug("Wrote " + reports);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write test reports to " + reportsDirectory + ": " + e.getMessage(), e);
        }
        summarize(outcomes, (System.nanoTime() - start) / 1_000_000);
        return written(TestSummary.of(outcomes));
    }

    /** No test to run: fine, or a failure recorded in the summary, as the switches say. */
    private TestSummary noTests() throws MojoExecutionException {
        String kind = " (a test is a test.process entry, or a process.wasm entry with meta.type: test)";
        boolean specified = test != null && !test.isBlank();
        String message = specified ? "No WASM tests match wippy.test=" + test + kind : "No WASM tests found" + kind;
        // As Surefire's -Dtest: a pattern that matches nothing fails, even in a project without tests.
        if (specified && failIfNoSpecifiedTests) {
            return written(TestSummary.failedWithoutTests(message
                    + "; set -Dwippy.test.failIfNoSpecifiedTests=false to allow a selection that matches nothing"));
        }
        if (failIfNoTests) {
            return written(TestSummary.failedWithoutTests(message + "; wippy.test.failIfNoTests=true"));
        }
        getLog().info(message + (specified ? " (allowed: wippy.test.failIfNoSpecifiedTests=false)" : ""));
        return written(new TestSummary(0, 0, 0, 0, null));
    }

    private void deleteStaleSummary() throws MojoExecutionException {
        try {
            Files.deleteIfExists(summaryFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot delete the old test summary " + summaryFile + ": " + e.getMessage(), e);
        }
    }

    private TestSummary written(TestSummary summary) throws MojoExecutionException {
        try {
            summary.write(summaryFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the test summary " + summaryFile + ": " + e.getMessage(), e);
        }
        return summary;
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

    private void summarize(List<TestOutcome> outcomes, long millis) {
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
        TestSummary s = TestSummary.of(outcomes);
        getLog().info("");
        getLog().info("Results:");
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> getLog().error("  " + o.test().id() + " " + o.message()));
        String totals = String.format(Locale.ROOT, "WASM tests run: %d, Failures: %d, Errors: %d, Skipped: 0, Time elapsed: %.3f s",
                outcomes.size(), s.failures(), s.errors(), millis / 1000.0);
        if (!s.failed()) {
            getLog().info(totals);
            getLog().info("Reports: " + reportsDirectory);
        } else {
            getLog().error(totals);
            getLog().error("Reports: " + reportsDirectory);
        }
    }

    /**
     * The build failure a failed run means, or null when it passed or failures are ignored
     * ({@code maven.test.failure.ignore}, which is logged).
     */
    protected MojoFailureException failureOf(TestSummary s, boolean ignore) {
        if (s == null || !s.failed()) {
            return null;
        }
        String message = s.failureMessage() != null ? s.failureMessage()
                : "There are WASM test failures (" + s.failures() + " failed, " + s.errors() + " errors); see "
                        + reportsDirectory;
        if (ignore) {
            getLog().error(message + " (ignored: maven.test.failure.ignore=true)");
            return null;
        }
        return new MojoFailureException(message);
    }
}
