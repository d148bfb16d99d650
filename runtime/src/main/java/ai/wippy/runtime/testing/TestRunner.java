package ai.wippy.runtime.testing;

import ai.wippy.runtime.SpawnOptions;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Mailbox;
import ai.wippy.runtime.process.Pid;
import ai.wippy.runtime.process.ProcessResult;
import ai.wippy.runtime.process.TimeLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs tests, at most {@code threads} at once, each as a monitored process with its own budget,
 * and reports each outcome to {@code progress} the moment it is known (so long runs show
 * progress). Results come back in the order the tests were given.
 */
public final class TestRunner {

    /** How long past its budget a test's process may take to report its end before it is terminated. */
    private static final long GRACE_MS = 5_000;

    private final WippyRuntime runtime;
    private final int threads;
    private final Consumer<TestOutcome> progress;
    private final Consumer<String> stillRunning;
    private final long heartbeatMs;
    private final Path outputDirectory;
    private final java.util.Map<String, Long> running = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param stillRunning told every {@code heartbeatMs} which tests are still running and for how
     *                     long, so a long run is visible while it runs
     */
    public TestRunner(WippyRuntime runtime, int threads, Consumer<TestOutcome> progress, Consumer<String> stillRunning,
            long heartbeatMs) {
        this(runtime, threads, progress, stillRunning, heartbeatMs, null);
    }

    /**
     * @param outputDirectory where each test's whole output goes as it streams,
     *                        {@code <test-id>-output.txt} (bounded); null: nowhere, only the kept
     *                        head and tail exist
     */
    public TestRunner(WippyRuntime runtime, int threads, Consumer<TestOutcome> progress, Consumer<String> stillRunning,
            long heartbeatMs, Path outputDirectory) {
        checkThreads(threads);
        this.runtime = runtime;
        this.threads = threads;
        this.progress = progress;
        this.stillRunning = stillRunning;
        this.heartbeatMs = heartbeatMs;
        this.outputDirectory = outputDirectory;
    }

    /** Refuses a number of tests at once below 1, with the message a user needs; callers check before anything runs. */
    public static void checkThreads(int threads) {
        if (threads < 1) {
            throw WippyException.user("wippy.test.threads must be at least 1, got " + threads);
        }
    }

    public TestRunner(WippyRuntime runtime, int threads, Consumer<TestOutcome> progress) {
        this(runtime, threads, progress, line -> { }, 10_000);
    }

    public List<TestOutcome> run(List<TestCase> tests) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, tests.size())), r -> {
            Thread t = new Thread(r, "wippy-test");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wippy-test-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::reportStillRunning, heartbeatMs, heartbeatMs,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            List<Future<TestOutcome>> futures = new ArrayList<>();
            for (TestCase t : tests) {
                futures.add(pool.submit(() -> {
                    running.put(t.id(), System.nanoTime());
                    try {
                        TestOutcome o = runOne(t);
                        progress.accept(o);
                        return o;
                    } finally {
                        running.remove(t.id());
                    }
                }));
            }
            List<TestOutcome> outcomes = new ArrayList<>();
            for (Future<TestOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("test runner failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            heartbeat.shutdownNow();
            pool.shutdownNow();
        }
    }

    private void reportStillRunning() {
        if (running.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        StringBuilder sb = new StringBuilder("still running:");
        running.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> sb.append(' ')
                .append(e.getKey()).append(" (").append((now - e.getValue()) / 1_000_000_000L).append(" s)"));
        stillRunning.accept(sb.toString());
    }

    TestOutcome runOne(TestCase test) throws InterruptedException {
        long start = System.nanoTime();
        Mailbox mailbox = new Mailbox();
        Pid pid;
        try {
            pid = runtime.spawnMonitored(mailbox, test.target(), null, test.args(), SpawnOptions.defaults()
                    .withLimit(limit(test)).withOutput(test.id(), outputFile(test)));
        } catch (WippyException e) {
            return new TestOutcome(test, TestOutcome.Status.ERROR, e.getMessage(), elapsed(start), null, null);
        }
        Optional<ExitEvent> exit = mailbox.receive(Duration.ofMillis(test.timeoutMs() + GRACE_MS));
        if (exit.isEmpty()) {
            runtime.terminate(pid);
            exit = mailbox.receive(Duration.ofMillis(GRACE_MS));
        }
        if (exit.isEmpty()) {
            return new TestOutcome(test, TestOutcome.Status.ERROR, "the process did not end within "
                    + (test.timeoutMs() + 2 * GRACE_MS) + " ms, even when terminated", elapsed(start), null, null);
        }
        ProcessResult result = exit.get().result();
        Optional<String> mismatch = ExpectationMatcher.mismatch(test.expect(), result, test.selfTest());
        TestOutcome.Status status;
        if (mismatch.isEmpty()) {
            status = TestOutcome.Status.PASSED;
        } else if (result.isError() && test.expect().error() == null && test.expect().exitCode() == null
                && result.exitCode() == null) {
            status = TestOutcome.Status.ERROR;
        } else {
            status = TestOutcome.Status.FAILED;
        }
        return new TestOutcome(test, status, mismatch.orElse(null), elapsed(start), result.stdout(), result.stderr());
    }

    /**
     * The test's budget, named for the timeout message: a {@code test.process}'s {@code timeout_ms};
     * for a {@code process.wasm} test, its own {@code max_execution_ms} (which the runtime names on a
     * tie) or else the default.
     */
    static TimeLimit limit(TestCase test) {
        return new TimeLimit(test.timeoutMs(), test.selfTest()
                ? "default timeout of test " + test.id() + "; set its limits.max_execution_ms to change it"
                : "timeout_ms of test " + test.id());
    }

    /** {@code <outputDirectory>/<test-id>-output.txt}, the ID made safe for file names. */
    Path outputFile(TestCase test) {
        return outputDirectory == null ? null
                : outputDirectory.resolve(JUnitReportWriter.fileSafe(test.id()) + "-output.txt");
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
