package ai.wippy.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on real processes: outcomes, progress as each test ends, and the still-running heartbeat. */
class TestRunnerTest {

    @TempDir
    Path project;

    @Test
    void runsTestsReportsEachAndShowsLongOnesWhileTheyRun() throws Exception {
        TestProjects.create(project, """
                namespace: app.r
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: compute, kind: process.wasm, fs: app.r:assets, path: /compute.wasm, hash: "@sha256:compute@",
                     method: compute, wit: "compute: func(a: s32, b: s32) -> s32;"}
                  - {name: nap, kind: process.wasm, fs: app.r:assets, path: /sleeper.wasm, hash: "@sha256:sleeper@",
                     method: _start, wasi: {args: ["700"]}}
                  - {name: quick, kind: test.process, meta: {suite: s}, target: app.r:compute, args: [6, 7], expect: {value: 42}}
                  - {name: wrong, kind: test.process, meta: {suite: s}, target: app.r:compute, args: [1, 1], expect: {value: 2}}
                  - {name: slow, kind: test.process, meta: {suite: s}, target: app.r:nap, expect: {stdout: "slept 700 ms\\n"}}
                """);
        List<String> progress = new CopyOnWriteArrayList<>();
        List<String> heartbeats = new CopyOnWriteArrayList<>();
        try (WippyRuntime wippy = WippyRuntime.builder(project).build()) {
            List<TestCase> tests = TestDiscovery.discover(wippy.registry());
            assertThat(tests).extracting(TestCase::id).containsExactly("app.r:quick", "app.r:slow", "app.r:wrong");
            List<TestOutcome> outcomes = new TestRunner(wippy, 3, o -> progress.add(o.test().id()), heartbeats::add, 200)
                    .run(tests);
            assertThat(outcomes).extracting(TestOutcome::status).containsExactly(
                    TestOutcome.Status.PASSED, TestOutcome.Status.PASSED, TestOutcome.Status.FAILED);
            assertThat(outcomes.get(2).message()).isEqualTo("expected value 2, got 1");
            assertThat(outcomes.get(1).stdout()).isEqualTo("slept 700 ms\n");
        }
        // the slow test ends last, and while it ran the heartbeat named it
        assertThat(progress).hasSize(3).last().isEqualTo("app.r:slow");
        assertThat(heartbeats).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("still running: app.r:"))
                .anySatisfy(h -> assertThat(h).contains("app.r:slow ("));
    }

    @Test
    void aTimeoutNamesTheLimitThatFired() throws Exception {
        TestProjects.create(project, """
                namespace: app.t
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: spin, kind: process.wasm, fs: app.t:assets, path: /busy_loop.wasm, hash: "@sha256:busy_loop@",
                     method: _start}
                  - {name: spin_limited, kind: process.wasm, fs: app.t:assets, path: /busy_loop.wasm,
                     hash: "@sha256:busy_loop@", method: _start, limits: {max_execution_ms: 200}}
                  - {name: self_spin, kind: process.wasm, meta: {type: test}, fs: app.t:assets, path: /busy_loop.wasm,
                     hash: "@sha256:busy_loop@", method: _start}
                  - {name: test_limit, kind: test.process, target: app.t:spin, timeout_ms: 300}
                  - {name: entry_limit, kind: test.process, target: app.t:spin_limited, timeout_ms: 5000}
                """);
        try (WippyRuntime wippy = WippyRuntime.builder(project).build()) {
            // a process.wasm test without max_execution_ms gets the default budget (here 300 ms, not 30 s)
            List<TestCase> tests = TestDiscovery.discover(wippy.registry(), 300);
            // one at a time: none waits for a worker (that would add "while waiting for a worker …")
            List<TestOutcome> outcomes = new TestRunner(wippy, 1, o -> { }).run(tests);
            assertThat(outcomes).extracting(o -> o.test().id())
                    .containsExactly("app.t:entry_limit", "app.t:self_spin", "app.t:test_limit");
            assertThat(outcomes).extracting(TestOutcome::status).containsOnly(TestOutcome.Status.ERROR);
            // (the process may be stopped while its module still compiles: then the message has no method prefix)
            assertThat(outcomes.get(0).message())
                    .endsWith("execution timed out after 200 ms (limits.max_execution_ms)");
            assertThat(outcomes.get(1).message()).endsWith("execution timed out after 300 ms"
                    + " (default timeout of test app.t:self_spin; set its limits.max_execution_ms to change it)");
            assertThat(outcomes.get(2).message())
                    .endsWith("execution timed out after 300 ms (timeout_ms of test app.t:test_limit)");
        }
    }
}
