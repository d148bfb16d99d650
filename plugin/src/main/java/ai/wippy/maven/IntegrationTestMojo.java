package ai.wippy.maven;

import ai.wippy.runtime.testing.TestSummary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs the WASM tests like {@code test}, but does not fail the build on their failures: it records
 * them in the summary file, and {@code wippy:verify} fails the build in the {@code verify} phase.
 * So {@code post-integration-test} runs in between and can tear down what
 * {@code pre-integration-test} started: Failsafe's pattern, with the same two goal names. Bind both:
 * {@code integration-test} alone never fails on test failures. A mistake in the configuration
 * ({@code wippy.test.shard}, {@code wippy.test.threads}) fails at once, before anything runs.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresProject = true)
public class IntegrationTestMojo extends AbstractTestMojo {

    @Override
    protected String goal() {
        return "integration-test";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        TestSummary summary = runTests();
        if (summary != null && summary.failed()) {
            getLog().warn((summary.failureMessage() != null ? summary.failureMessage()
                    : "There are WASM test failures (" + summary.failures() + " failed, " + summary.errors() + " errors)")
                    + "; wippy:verify fails the build on them (recorded in " + summaryFile + ")");
        }
    }
}
