package ai.wippy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** Parameter binding and the mapping of runtime failures to Maven's exceptions. */
@MojoTest
class GoalsTest {

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void validManifestsValidate(ValidateMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    @Test
    @Basedir("/projects/broken")
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void problemsAreAFailureListingEachOne(ValidateMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("3 problems in Wippy manifests:")
                .hasMessageContaining("src/main/wippy/_index.yaml:3:5: app.unit:worker: fs is required")
                .hasMessageContaining("app.unit:worker: path is required")
                .hasMessageContaining("app.unit:worker: hash is required");
    }

    @Test
    @Basedir("/projects/broken")
    @InjectMojo(goal = "validate")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "skip", value = "true")
    void skipSkipsEvenBrokenProjects(ValidateMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void runNeedsSomethingToRun(RunMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("nothing to run: set -Dcommand=<name> (see mvn wippy:run -Dcommand=list) or -Dwippy.entry=<ns:name>");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "command", value = "greet")
    @MojoParameter(name = "entry", value = "app.unit:greet")
    void runRefusesBothACommandAndAnEntry(RunMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("set either -Dcommand=<name> or -Dwippy.entry=<ns:name>, not both");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "command", value = "greet")
    @MojoParameter(name = "successCodes", value = "0,x")
    void badSuccessCodesSayWhatToChange(RunMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("wippy.successCodes must be a comma-separated list of integers, got: 0,x");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "command", value = "greet")
    @MojoParameter(name = "timeout", value = "soon")
    void aBadTimeoutSaysWhatToChange(RunMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("wippy.timeout must be a duration such as 30000 (milliseconds), 90s, 10m or 1h"
                        + " (0 for no limit), got: soon");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void theTimeoutOfACommandIsTenMinutesByDefault(RunMojo mojo) {
        assertThat(mojo.timeout).isEqualTo(RunMojo.DEFAULT_TIMEOUT).isEqualTo("10m");
        assertThat(ai.wippy.runtime.process.TimeLimit.parseMillis(mojo.timeout, "wippy.timeout")).isEqualTo(600_000);
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "command", value = "greet")
    @MojoParameter(name = "engine", value = "turbo")
    void badEngineSaysWhatToChange(RunMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("wippy.engine must be auto, interpreter or compiler, got: turbo");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "failIfNoTests", value = "true")
    void noTestsFailsOnlyWhenAsked(TestMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("No WASM tests found (a test is a test.process entry, or a process.wasm entry with"
                        + " meta.type: test); wippy.test.failIfNoTests=true");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    void aProjectWithoutTestsIsFineByDefault(TestMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "test", value = "nothing*")
    void aSelectionThatMatchesNothingFailsAsInSurefire(TestMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("No WASM tests match wippy.test=nothing* (a test is a test.process entry, or a process.wasm"
                        + " entry with meta.type: test); set -Dwippy.test.failIfNoSpecifiedTests=false to allow a"
                        + " selection that matches nothing");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "test", value = "nothing*")
    @MojoParameter(name = "failIfNoSpecifiedTests", value = "false")
    void aSelectionThatMatchesNothingMayBeAllowed(TestMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    /** The broken project's manifests fail to load: these mistakes are found before, so nothing is loaded or run. */
    @Test
    @Basedir("/projects/broken")
    @InjectMojo(goal = "test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "threads", value = "0")
    void zeroThreadsIsRefusedBeforeAnythingRuns(TestMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("wippy.test.threads must be at least 1, got 0");
    }

    @Test
    @Basedir("/projects/broken")
    @InjectMojo(goal = "integration-test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "shard", value = "3/2")
    void aBadShardSaysWhatToWriteBeforeAnythingRuns(IntegrationTestMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("wippy.test.shard must be k/n with 1 <= k <= n (shard k of n, e.g. 2/4), got 3/2");
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "integration-test")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "test", value = "nothing*")
    @MojoParameter(name = "summaryFile", value = "${project.build.directory}/it-summary.xml")
    void integrationTestRecordsAFailureForVerifyInsteadOfFailing(IntegrationTestMojo mojo) throws Exception {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(ai.wippy.runtime.testing.TestSummary.read(mojo.summaryFile.toPath())).hasValueSatisfying(s -> {
            assertThat(s.failed()).isTrue();
            assertThat(s.failureMessage()).startsWith("No WASM tests match wippy.test=nothing*");
        });
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "verify")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "summaryFile", value = "${project.build.directory}/verify-summary.xml")
    void verifyFailsOnTheRecordedFailuresAndPassesWithoutASummary(VerifyMojo mojo) throws Exception {
        java.nio.file.Files.deleteIfExists(mojo.summaryFile.toPath());
        assertThatCode(mojo::execute).as("no summary: nothing to verify").doesNotThrowAnyException();
        new ai.wippy.runtime.testing.TestSummary(5, 1, 2, 0, null).write(mojo.summaryFile.toPath());
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("There are WASM test failures (2 failed, 1 errors); see ");
        mojo.testFailureIgnore = true;
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        mojo.testFailureIgnore = false;
        mojo.skipITs = true;
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        mojo.skipITs = false;
        new ai.wippy.runtime.testing.TestSummary(5, 0, 0, 0, null).write(mojo.summaryFile.toPath());
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    @Test
    @Basedir("/projects/basic")
    @InjectMojo(goal = "run")
    @MojoParameter(name = "basedir", value = "${basedir}")
    @MojoParameter(name = "localRepository", value = "/ci/cache/repository")
    void theCompiledCodeCacheFollowsALocalRepositoryMovedElsewhere(RunMojo mojo) {
        assertThat(mojo.effectiveCacheDirectory()).isEqualTo(new java.io.File("/ci/cache/repository/.wippy/compiled"));
        mojo.cacheDirectory = new java.io.File("/somewhere/else");
        assertThat(mojo.effectiveCacheDirectory()).isEqualTo(new java.io.File("/somewhere/else"));
    }
}
