package ai.wippy.bench;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Instantiating and running a WASI 0.2 command component against the same C program as a WASI
 * preview 1 core module (issue 9, goal: p2 at most 2x p1): {@code fixtures/wasi2/wasm/p2/<program>.wasm}
 * ({@code jco new --wasi-command} of the p1 module: the preview1 adapter and its component glue) and
 * {@code wasm/p1/<program>.wasm}, each loaded and compiled once, then per run: a fresh instance with
 * its WASI host (arguments, environment, captured stdio), {@code wasi:cli/run#run} / {@code _start},
 * close. Alternating rounds after a warm-up, in the same JVM; wall time and the thread's CPU time per
 * run, best round.
 *
 * <p>Usage: {@code CommandBench <fixtures/wasi2/wasm>}; {@code -Dprogram=args} (default: args with
 * one argument, a hello world), {@code -Druns=2000}, {@code -Drounds=7}, {@code -Dmode=COMPILER}.
 */
public final class CommandBench {

    static final Set<String> P2_PROFILES = Set.of("wasi:io", "wasi:poll", "wasi:clocks", "wasi:cli", "wasi:filesystem",
            "wasi:random");
    static final String RUN = "wasi:cli/run@0.2.3#run";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "fixtures/wasi2/wasm");
        String name = System.getProperty("program", "args");
        int runs = Integer.getInteger("runs", 2000);
        int rounds = Integer.getInteger("rounds", 7);
        EngineMode mode = EngineMode.valueOf(System.getProperty("mode", "COMPILER"));
        WasmEngine engine = WasmEngine.create(EngineOptions.builder().mode(mode).build());
        Program p1 = engine.load(name + ".wasm", Files.readAllBytes(dir.resolve("p1/" + name + ".wasm")));
        Program p2 = engine.load(name + ".wasm", Files.readAllBytes(dir.resolve("p2/" + name + ".wasm")));
        List<String> argv = List.of(name + ".wasm", "hello");
        String out1 = runP1(p1, argv);
        String out2 = runP2(p2, argv);
        if (!out1.equals(out2)) {
            throw new IllegalStateException("p1 and p2 print different things:\n" + out1 + "\n---\n" + out2);
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d cores, engine %s; %s %s prints %d bytes:%n%s", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), mode, name, argv.subList(1, argv.size()), out1.length(), out1);
        for (int i = 0; i < Math.max(runs, 3000); i++) { // warm-up
            runP1(p1, argv);
            runP2(p2, argv);
        }
        double[] best1 = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] best2 = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int r = 1; r <= rounds; r++) {
            double[] a = round(() -> runP1(p1, argv), runs);
            double[] b = round(() -> runP2(p2, argv), runs);
            System.out.printf(Locale.ROOT, "round %d: p1 %.1f µs (cpu %.1f), p2 %.1f µs (cpu %.1f) per instantiate+run;"
                    + " ratio %.2fx (cpu %.2fx)%n", r, a[0], a[1], b[0], b[1], b[0] / a[0], b[1] / a[1]);
            best1[0] = Math.min(best1[0], a[0]);
            best1[1] = Math.min(best1[1], a[1]);
            best2[0] = Math.min(best2[0], b[0]);
            best2[1] = Math.min(best2[1], b[1]);
        }
        System.out.printf(Locale.ROOT, "best of %d rounds of %,d runs: p1 module %.1f µs (cpu %.1f), p2 component %.1f µs"
                        + " (cpu %.1f); ratio p2/p1 %.2fx (cpu %.2fx; goal ≤ 2x)%n", rounds, runs, best1[0], best1[1],
                best2[0], best2[1], best2[0] / best1[0], best2[1] / best1[1]);
    }

    interface Run {
        String run() throws Exception;
    }

    /** µs per run: wall, CPU of this thread. */
    private static double[] round(Run run, int n) throws Exception {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        long cpu = t.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            run.run();
        }
        return new double[] {(System.nanoTime() - start) / 1e3 / n, (t.getCurrentThreadCpuTime() - cpu) / 1e3 / n};
    }

    private static WasiOptions wasi(List<String> argv, ByteArrayOutputStream out) {
        return WasiOptions.builder().arguments(argv).environment(List.of()).cwd("/").mounts(List.of())
                .stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(out).build();
    }

    static String runP1(Program p, List<String> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Execution e = p.instantiate(new ExecutionConfig(wasi(argv, out), 0, Set.of()))) {
            e.call("_start", null, List.of(), true);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String runP2(Program p, List<String> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Execution e = p.instantiate(new ExecutionConfig(wasi(argv, out), 0, P2_PROFILES))) {
            WitFunction run = p.signature(RUN, null);
            Object result = e.invoke(run, List.of());
            if (!(result instanceof WitResult w && w.isOk())) {
                throw new IllegalStateException("run returned " + result);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
