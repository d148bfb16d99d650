package ai.wippy.maven;

import ai.wippy.runtime.testing.TestSummary;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build on the WASM test failures that {@code wippy:integration-test} recorded, in the
 * {@code verify} phase, after {@code post-integration-test} has run: the second half of the
 * Failsafe-style pair. It reads the summary file (Failsafe's {@code failsafe-summary.xml} format);
 * without one (no {@code integration-test} ran) there is nothing to verify. Honours
 * {@code skipTests}, {@code skipITs}, {@code maven.test.skip}, {@code wippy.test.skip} and
 * {@code maven.test.failure.ignore} like Failsafe's {@code verify}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class VerifyMojo extends AbstractWippyMojo {

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

    /** Report failures but do not fail the build. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    protected boolean testFailureIgnore;

    /** Where the reports are, for the failure message. */
    @Parameter(property = "wippy.reportsDirectory", defaultValue = "${project.build.directory}/wippy-reports")
    protected File reportsDirectory;

    /** The summary {@code wippy:integration-test} wrote. */
    @Parameter(property = "wippy.summaryFile", defaultValue = "${project.build.directory}/wippy-reports/wippy-summary.xml")
    protected File summaryFile;

    @Override
    protected String goal() {
        return "verify";
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
        Optional<TestSummary> read;
        try {
            read = TestSummary.read(summaryFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (read.isEmpty()) {
            getLog().info("No WASM test summary at " + summaryFile + ": nothing to verify (wippy:integration-test"
                    + " did not run)");
            return;
        }
        TestSummary s = read.get();
        if (!s.failed()) {
            getLog().info("WASM tests: " + s.completed() + " run, no failures (" + summaryFile.getName() + ")");
            return;
        }
        String message = s.failureMessage() != null ? s.failureMessage()
                : "There are WASM test failures (" + s.failures() + " failed, " + s.errors() + " errors); see "
                        + reportsDirectory;
        if (testFailureIgnore) {
            getLog().error(message + " (ignored: maven.test.failure.ignore=true)");
            return;
        }
        throw new MojoFailureException(message);
    }
}
