package ai.wippy.maven;

import ai.wippy.runtime.testing.TestSummary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the project's WASM integration tests in parallel and fails the build on failures, in one
 * step, like Surefire's {@code test}. It writes one JUnit XML report per suite under
 * {@code target/wippy-reports/} (Surefire's format), prints a line per finished test and a summary.
 * A test's output reaches the log bounded (its first and last lines) and goes whole to
 * {@code <reportsDirectory>/<test-id>-output.txt} (at most 64 MiB). Honours {@code skipTests},
 * {@code skipITs}, {@code maven.test.skip} and {@code maven.test.failure.ignore} like Surefire and
 * Failsafe.
 *
 * <p>Bound to {@code integration-test}, a failure here stops the build before
 * {@code post-integration-test}: to tear down what {@code pre-integration-test} started, use the
 * Failsafe-style pair {@code integration-test} + {@code verify} instead.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true, requiresProject = true)
public class TestMojo extends AbstractTestMojo {

    /** Report failures but do not fail the build. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    protected boolean testFailureIgnore;

    @Override
    protected String goal() {
        return "test";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        TestSummary summary = runTests();
        MojoFailureException failure = failureOf(summary, testFailureIgnore);
        if (failure != null) {
            throw failure;
        }
    }
}
