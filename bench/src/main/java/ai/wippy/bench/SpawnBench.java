package ai.wippy.bench;

import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.Mailbox;
import ai.wippy.runtime.process.ProcessThreads;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Process benchmarks (issue 3): spawn throughput of a tiny module (processes per second, target
 * 50,000/s on 2 cores) and 10,000 concurrently sleeping processes (wall time and heap). Each
 * figure is printed with its reference measured in the same run: the throughput against the
 * target, the sleep wall time against one sleep's duration.
 *
 * <p>Usage: {@code SpawnBench <project-dir>} where the project has {@code bench:tiny} and
 * {@code bench:nap} entries (see bench/project).
 */
public final class SpawnBench {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : "bench/project");
        int spawns = Integer.getInteger("spawns", 200_000);
        int sleepers = Integer.getInteger("sleepers", 10_000);
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, virtual threads: %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), ProcessThreads.virtualThreadsAvailable());
        try (WippyRuntime wippy = WippyRuntime.builder(project)
                .engine(EngineOptions.builder().mode(EngineMode.COMPILER).build()).build()) {
            throughput(wippy, 20_000); // warm-up
            double perSecond = throughput(wippy, spawns);
            System.out.printf(Locale.ROOT, "spawn throughput: %,.0f processes/s (%d spawns); ratio to the 50,000/s target: %.2fx%n",
                    perSecond, spawns, perSecond / 50_000);
            sleepers(wippy, sleepers);
        }
    }

    private static double throughput(WippyRuntime wippy, int n) throws InterruptedException {
        Mailbox mailbox = new Mailbox();
        long start = System.nanoTime();
        int inFlight = 0;
        int received = 0;
        for (int i = 0; i < n; i++) {
            wippy.spawnMonitored(mailbox, "bench:tiny", "bench:host", List.of());
            inFlight++;
            // keep the host's queue bounded: drain when many are in flight
            while (inFlight > 5_000) {
                ExitEvent e = mailbox.receive(Duration.ofSeconds(30)).orElseThrow();
                check(e);
                inFlight--;
                received++;
            }
        }
        while (received < n) {
            check(mailbox.receive(Duration.ofSeconds(30)).orElseThrow());
            received++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return n / seconds;
    }

    private static void check(ExitEvent e) {
        if (e.result().isError() || !Integer.valueOf(7).equals(e.result().value())) {
            throw new IllegalStateException("unexpected result " + e.result());
        }
    }

    private static void sleepers(WippyRuntime wippy, int n) throws InterruptedException {
        System.gc();
        long heapBefore = heapUsed();
        Mailbox mailbox = new Mailbox();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            wippy.spawnMonitored(mailbox, "bench:nap", "bench:host", List.of());
        }
        long spawnedMs = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(300);
        long heapDuring = heapUsed();
        for (int i = 0; i < n; i++) {
            ExitEvent e = mailbox.receive(Duration.ofSeconds(120)).orElseThrow();
            if (e.result().isError()) {
                throw new IllegalStateException("sleeper failed: " + e.result().error());
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "%,d sleeping processes (1000 ms each): all spawned in %,d ms, all done in %,d ms"
                        + " (ratio to one sleep: %.2fx); heap while sleeping: %,d MiB (%,d KiB per process)%n",
                n, spawnedMs, wallMs, wallMs / 1000.0, (heapDuring - heapBefore) >> 20,
                Math.max(0, heapDuring - heapBefore) / 1024 / n);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
