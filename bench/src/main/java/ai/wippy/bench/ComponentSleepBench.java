package ai.wippy.bench;

import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Mailbox;
import ai.wippy.runtime.process.ProcessThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Sleeping WASI 0.2 component processes (issue 9): 10,000 processes of {@code wasi2_sleep.wasm}
 * ({@code sleep-ms(1000)}: {@code wasi:clocks/monotonic-clock.subscribe-duration}, then
 * {@code pollable.block}) alive at once, against the same number of the core module {@code nap.wasm}
 * (1,000 ms in preview 1's {@code poll_oneoff}, as SpawnBench measures it) in the same run. Per kind:
 * the time until all are spawned, until all are done (against one sleep), the heap while they sleep,
 * and the platform threads alive while they sleep ({@link ThreadMXBean#getThreadCount()}, which counts
 * no virtual threads) and at the peak of the run.
 *
 * <p>Usage: {@code ComponentSleepBench <project-dir>} (bench/project: {@code bench:nap}, {@code bench:nap2}, {@code bench:nap_ms}).
 * {@code -Dsleepers=10000}, {@code -Drounds=2} (alternating core and component).
 */
public final class ComponentSleepBench {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : "bench/project");
        int sleepers = Integer.getInteger("sleepers", 10_000);
        int rounds = Integer.getInteger("rounds", 2);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, virtual threads: %s; platform threads before: %d%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ProcessThreads.virtualThreadsAvailable(), threads.getThreadCount());
        try (WippyRuntime wippy = WippyRuntime.builder(project)
                .engine(EngineOptions.builder().mode(EngineMode.COMPILER).build()).build()) {
            // warm-up: load and compile both, a few hundred of each
            sleepers(wippy, "bench:nap", List.of(), 500, 100, false);
            sleepers(wippy, "bench:nap2", List.of(100), 500, 100, false);
            for (int r = 1; r <= rounds; r++) {
                sleepers(wippy, "bench:nap", List.of(), sleepers, 1000, true);
                sleepers(wippy, "bench:nap2", List.of(1000), sleepers, 1000, true);
            }
            int longSleep = Integer.getInteger("longSleepMs", 8000);
            liveHeap(wippy, "bench:nap_ms", sleepers, longSleep);
            liveHeap(wippy, "bench:nap2", sleepers, longSleep);
        }
    }

    /**
     * Live heap per sleeping process (nap_ms.wasm: nap.wasm with the duration as argument; wasi2_sleep.wasm): {@code n} processes sleeping {@code ms}, a full GC once all have
     * been instantiated and are asleep (at 5/8 of the sleep: instantiating 10,000 takes 1-5 s here), then
     * the heap and the platform threads.
     */
    private static void liveHeap(WippyRuntime wippy, String entry, int n, int ms) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        long heapBefore = heapUsed();
        Mailbox mailbox = new Mailbox();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            wippy.spawnMonitored(mailbox, entry, "bench:host", List.of(ms));
        }
        Thread.sleep(ms * 5L / 8);
        System.gc();
        long live = heapUsed() - heapBefore;
        int during = threads.getThreadCount();
        long atMs = (System.nanoTime() - start) / 1_000_000;
        if (mailbox.size() > 0) {
            throw new IllegalStateException("a sleeper ended before the measurement");
        }
        for (int i = 0; i < n; i++) {
            ExitEvent e = mailbox.receive(Duration.ofSeconds(120)).orElseThrow();
            if (e.result().isError()) {
                throw new IllegalStateException(entry + " failed: " + e.result().error());
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "%-12s %,d sleeping processes (%,d ms each), after a full GC at %,d ms:"
                        + " live heap %,d MiB (%,d KiB per process); platform threads %d; all done in %,d ms%n",
                entry, n, ms, atMs, live >> 20, Math.max(0, live) / 1024 / n, during, wallMs);
    }

    private static void sleepers(WippyRuntime wippy, String entry, List<Object> args, int n, int sleepMs, boolean print)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        long heapBefore = heapUsed();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        Mailbox mailbox = new Mailbox();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            wippy.spawnMonitored(mailbox, entry, "bench:host", args);
        }
        long spawnedMs = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(Math.min(300, sleepMs / 3));
        long heapDuring = heapUsed();
        int threadsDuring = threads.getThreadCount();
        long heapAtFirstExit = 0;
        int threadsAtFirstExit = 0;
        long firstExitMs = 0;
        for (int i = 0; i < n; i++) {
            ExitEvent e = mailbox.receive(Duration.ofSeconds(120)).orElseThrow();
            if (i == 0) { // the first sleep has ended: the others are asleep or still queued for a worker
                firstExitMs = (System.nanoTime() - start) / 1_000_000;
                heapAtFirstExit = heapUsed();
                threadsAtFirstExit = threads.getThreadCount();
            }
            if (e.result().isError()) {
                throw new IllegalStateException(entry + " failed: " + e.result().error());
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        int peak = threads.getPeakThreadCount();
        if (print) {
            System.out.printf(Locale.ROOT, "%-10s %,d sleeping processes (%d ms each): all spawned in %,d ms, all done in %,d ms"
                            + " (ratio to one sleep: %.2fx); heap while sleeping (+300 ms): %,d MiB (%,d KiB per process),"
                            + " at the first exit (%,d ms): %,d MiB (%,d KiB per process, garbage included);"
                            + " platform threads: %d before, %d while sleeping, %d at the first exit, peak %d%n",
                    entry, n, sleepMs, spawnedMs, wallMs, wallMs / (double) sleepMs, (heapDuring - heapBefore) >> 20,
                    Math.max(0, heapDuring - heapBefore) / 1024 / n, firstExitMs, (heapAtFirstExit - heapBefore) >> 20,
                    Math.max(0, heapAtFirstExit - heapBefore) / 1024 / n, threadsBefore, threadsDuring,
                    threadsAtFirstExit, peak);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
