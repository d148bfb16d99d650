package ai.wippy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessHostTest {

    private final List<ProcessHost> hosts = new ArrayList<>();

    private ProcessHost host(HostLimits limits) {
        ProcessHost h = new ProcessHost("test:host", limits);
        hosts.add(h);
        return h;
    }

    @AfterEach
    void shutdown() {
        hosts.forEach(h -> h.shutdown(Duration.ofSeconds(5)));
    }

    /** A process whose step is a function of its context; counts Close calls. */
    static class FakeProcess implements Process {
        final Function<StepContext, ProcessResult> body;
        final AtomicInteger closed = new AtomicInteger();
        List<Object> args;
        String method;

        FakeProcess(Function<StepContext, ProcessResult> body) {
            this.body = body;
        }

        @Override
        public void init(String method, List<Object> args) {
            this.method = method;
            this.args = args;
        }

        @Override
        public ProcessResult step(StepContext context) {
            return body.apply(context);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** A process that holds its worker until {@code release} opens. */
    private static FakeProcess blockedUntil(CountDownLatch release) {
        return new FakeProcess(ctx -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProcessResult.ofValue(1);
        });
    }

    private static ProcessResult sleepInterruptibly(StepContext ctx, long ms) {
        try {
            Thread.sleep(ms);
            return ProcessResult.ofValue("slept");
        } catch (InterruptedException e) {
            return ProcessResult.ofError("failed: " + ctx.stopReason().orElse("interrupted"));
        }
    }

    @Test
    void monitoredProcessDeliversExitEventWithValue() throws Exception {
        ProcessHost host = host(HostLimits.defaults());
        FakeProcess p = new FakeProcess(ctx -> ProcessResult.ofValue(42));
        Mailbox mailbox = new Mailbox();
        Pid pid = host.spawnMonitored(new SpawnRequest("t:answer", p, "answer", List.of(6, 7), 0), mailbox);

        ExitEvent exit = mailbox.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(exit.kind()).isEqualTo("pid.exit");
        assertThat(exit.from()).isEqualTo(pid);
        assertThat(exit.result().value()).isEqualTo(42);
        assertThat(exit.result().error()).isNull();
        assertThat(p.method).isEqualTo("answer");
        assertThat(p.args).containsExactly(6, 7);
        assertThat(p.closed).hasValue(1);
    }

    @Test
    void receiveTimesOutWhenNothingArrives() throws Exception {
        assertThat(new Mailbox().receive(Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void failingInitRefusesTheSpawnAndClosesTheProcess() {
        ProcessHost host = host(HostLimits.defaults());
        FakeProcess p = new FakeProcess(ctx -> ProcessResult.ofValue(1)) {
            @Override
            public void init(String method, List<Object> args) {
                throw new IllegalArgumentException("bad method");
            }
        };
        assertThatThrownBy(() -> host.spawn(new SpawnRequest("t:bad", p, "m", List.of(), 0)))
                .isInstanceOf(SpawnException.class).hasMessage("cannot spawn t:bad: bad method");
        assertThat(p.closed).hasValue(1);
        assertThat(host.liveProcesses()).isZero();
    }

    @Test
    void maxProcessesRefusesSpawnsBeyondTheBound() throws Exception {
        ProcessHost host = host(new HostLimits(2, 10, 1));
        CountDownLatch release = new CountDownLatch(1);
        Mailbox mailbox = new Mailbox();
        host.spawnMonitored(new SpawnRequest("t:first", blockedUntil(release), "m", List.of(), 0), mailbox);

        assertThatThrownBy(() -> host.spawn(new SpawnRequest("t:second", new FakeProcess(ctx -> null), "m", List.of(), 0)))
                .isInstanceOf(SpawnException.class)
                .hasMessage("process host test:host is at max_processes (1): cannot spawn t:second;"
                        + " raise host.max_processes or wait for processes to end");
        release.countDown();
        assertThat(mailbox.receive(Duration.ofSeconds(5))).isPresent();
        host.spawn(new SpawnRequest("t:third", new FakeProcess(ctx -> null), "m", List.of(), 0));
    }

    @Test
    void terminateStopsTheProcessRunsCloseAndReportsTerminated() throws Exception {
        ProcessHost host = host(HostLimits.defaults());
        FakeProcess p = new FakeProcess(ctx -> sleepInterruptibly(ctx, 60_000));
        Mailbox mailbox = new Mailbox();
        Pid pid = host.spawnMonitored(new SpawnRequest("t:sleeper", p, "m", List.of(), 0), mailbox);
        Thread.sleep(50);

        assertThat(host.terminate(pid)).isTrue();
        ExitEvent exit = mailbox.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(exit.result().error()).isEqualTo("failed: terminated");
        assertThat(p.closed).hasValue(1);
        assertThat(host.terminate(pid)).isFalse();
    }

    @Test
    void deadlineStopsTheProcessWithinAHundredMilliseconds() throws Exception {
        ProcessHost host = host(HostLimits.defaults());
        FakeProcess p = new FakeProcess(ctx -> sleepInterruptibly(ctx, 60_000));
        Mailbox mailbox = new Mailbox();
        long start = System.nanoTime();
        host.spawnMonitored(new SpawnRequest("t:slow", p, "m", List.of(), 200), mailbox);

        ExitEvent exit = mailbox.receive(Duration.ofSeconds(5)).orElseThrow();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(exit.result().error())
                .isEqualTo("failed: execution timed out after 200 ms (limits.max_execution_ms)");
        assertThat(elapsedMs).isBetween(200L, 300L);
        assertThat(p.closed).hasValue(1);
    }

    @Test
    void aDeadlineThatPassesWhileTheProcessWaitsForAWorkerSaysSo() throws Exception {
        ProcessHost host = host(new HostLimits(1, 4, 0));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busyRuns = new CountDownLatch(1);
        Mailbox mailbox = new Mailbox();
        FakeProcess busy = new FakeProcess(ctx -> {
            busyRuns.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProcessResult.ofValue(1);
        });
        host.spawnMonitored(new SpawnRequest("t:busy", busy, "m", List.of(), 0), mailbox);
        // the only worker is busy before the second process asks for one (each process has its own
        // thread: which asks first is otherwise up to the scheduler, and a loaded machine reorders them)
        assertThat(busyRuns.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        FakeProcess queued = new FakeProcess(ctx -> ProcessResult.ofValue("ran"));
        host.spawnMonitored(new SpawnRequest("t:queued", queued, "m", List.of(),
                new TimeLimit(200, "timeout_ms of test t:q")), mailbox);
        ExitEvent exit = mailbox.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(exit.result().error()).isEqualTo("execution timed out after 200 ms (timeout_ms of test t:q) while"
                + " waiting for a worker of process host test:host");
        assertThat(queued.closed).hasValue(1);
        release.countDown();
        assertThat(mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().value()).isEqualTo(1);
    }

    @Test
    void shutdownStopsEveryProcessAndRunsEveryClose() throws Exception {
        ProcessHost host = new ProcessHost("test:host", HostLimits.defaults());
        List<FakeProcess> processes = new ArrayList<>();
        Mailbox mailbox = new Mailbox();
        for (int i = 0; i < 20; i++) {
            FakeProcess p = new FakeProcess(ctx -> sleepInterruptibly(ctx, 60_000));
            processes.add(p);
            host.spawnMonitored(new SpawnRequest("t:p" + i, p, "m", List.of(), 0), mailbox);
        }
        Thread.sleep(50);
        assertThat(host.shutdown(Duration.ofSeconds(5))).isZero();
        assertThat(processes).allSatisfy(p -> assertThat(p.closed).hasValue(1));
        for (int i = 0; i < 20; i++) {
            // processes still queued for a worker end without a step: their error is the reason alone
            assertThat(mailbox.receive(Duration.ofSeconds(1)).orElseThrow().result().error())
                    .endsWith("terminated: process host test:host shut down");
        }
        assertThatThrownBy(() -> host.spawn(new SpawnRequest("t:late", new FakeProcess(c -> null), "m", List.of(), 0)))
                .isInstanceOf(SpawnException.class).hasMessageContaining("is shut down");
    }

    @Test
    void aWaitingProcessGivesItsWorkerToAnother() throws Exception {
        ProcessHost host = host(new HostLimits(1, 10, 0));
        CountDownLatch secondRan = new CountDownLatch(1);
        Mailbox mailbox = new Mailbox();
        host.spawnMonitored(new SpawnRequest("t:waiter", new FakeProcess(ctx -> {
            ctx.waitHook().beforeWait();
            try {
                boolean ok = secondRan.await(5, TimeUnit.SECONDS);
                return ProcessResult.ofValue(ok);
            } catch (InterruptedException e) {
                return ProcessResult.ofError("interrupted");
            } finally {
                ctx.waitHook().afterWait();
            }
        }), "m", List.of(), 0), mailbox);
        Thread.sleep(50);
        host.spawnMonitored(new SpawnRequest("t:second", new FakeProcess(ctx -> {
            secondRan.countDown();
            return ProcessResult.ofValue("second");
        }), "m", List.of(), 0), mailbox);

        List<Object> values = new ArrayList<>();
        values.add(mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().value());
        values.add(mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().value());
        assertThat(values).containsExactlyInAnyOrder("second", true);
    }

    @Test
    void oneWorkerRunsCpuBoundProcessesOneAtATime() throws Exception {
        ProcessHost host = host(new HostLimits(1, 100, 0));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        Mailbox mailbox = new Mailbox();
        for (int i = 0; i < 8; i++) {
            host.spawnMonitored(new SpawnRequest("t:cpu" + i, new FakeProcess(ctx -> {
                int now = running.incrementAndGet();
                maxSeen.accumulateAndGet(now, Math::max);
                long end = System.nanoTime() + 5_000_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                running.decrementAndGet();
                return ProcessResult.ofValue(null);
            }), "m", List.of(), 0), mailbox);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(mailbox.receive(Duration.ofSeconds(5))).isPresent();
        }
        assertThat(maxSeen).hasValue(1);
    }

    @Test
    void crashesInsideAStepBecomeErrorResults() throws Exception {
        ProcessHost host = host(HostLimits.defaults());
        Mailbox mailbox = new Mailbox();
        FakeProcess p = new FakeProcess(ctx -> {
            throw new IllegalStateException("boom");
        });
        host.spawnMonitored(new SpawnRequest("t:crash", p, "m", List.of(), 0), mailbox);
        ExitEvent exit = mailbox.receive(Duration.ofSeconds(5)).orElseThrow();
        assertThat(exit.result().error()).isEqualTo("t:crash: internal error: java.lang.IllegalStateException: boom");
        assertThat(p.closed).hasValue(1);
    }

    @Test
    void aFullQueueRefusesSpawnsUntilAWorkerFrees() throws Exception {
        ProcessHost host = host(new HostLimits(1, 1, 0));
        CountDownLatch release = new CountDownLatch(1);
        Mailbox mailbox = new Mailbox();
        host.spawnMonitored(new SpawnRequest("t:busy", blockedUntil(release), "m", List.of(), 0), mailbox);
        Thread.sleep(50);
        host.spawnMonitored(new SpawnRequest("t:queued", new FakeProcess(ctx -> ProcessResult.ofValue(2)), "m",
                List.of(), 0), mailbox);
        assertThatThrownBy(() -> host.spawn(new SpawnRequest("t:third", new FakeProcess(c -> null), "m", List.of(), 0)))
                .isInstanceOf(SpawnException.class)
                .hasMessage("process host test:host queue is full (queue_size 1): cannot spawn t:third;"
                        + " raise host.queue_size or host.workers");
        release.countDown();
        assertThat(mailbox.receive(Duration.ofSeconds(5))).isPresent();
        assertThat(mailbox.receive(Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void heapExhaustionInAProcessEndsOnlyThatProcess() throws Exception {
        ProcessHost host = host(HostLimits.defaults());
        Mailbox mailbox = new Mailbox();
        FakeProcess hog = new FakeProcess(ctx -> {
            throw new OutOfMemoryError("Java heap space");
        });
        host.spawnMonitored(new SpawnRequest("t:hog", hog, "m", List.of(), 0), mailbox);
        assertThat(mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().error())
                .isEqualTo("t:hog: out of memory: Java heap space");
        assertThat(hog.closed).hasValue(1);
        host.spawnMonitored(new SpawnRequest("t:next", new FakeProcess(ctx -> ProcessResult.ofValue(7)), "m", List.of(), 0),
                mailbox);
        assertThat(mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().value()).isEqualTo(7);
    }

    @Test
    void usesVirtualThreadsExactlyWhenTheJvmHasThem() throws Exception {
        boolean expected = Runtime.version().feature() >= 21;
        assertThat(ProcessThreads.virtualThreadsAvailable()).isEqualTo(expected);
        ProcessHost host = host(HostLimits.defaults());
        Mailbox mailbox = new Mailbox();
        host.spawnMonitored(new SpawnRequest("t:which", new FakeProcess(
                ctx -> ProcessResult.ofValue(Thread.currentThread().toString())), "m", List.of(), 0), mailbox);
        String thread = (String) mailbox.receive(Duration.ofSeconds(5)).orElseThrow().result().value();
        assertThat(thread.startsWith("VirtualThread")).isEqualTo(expected);
    }
}
