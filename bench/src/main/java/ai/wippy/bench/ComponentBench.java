package ai.wippy.bench;

import ai.wippy.runtime.abi.CanonicalAbi;
import ai.wippy.runtime.abi.GuestAllocator;
import ai.wippy.runtime.abi.GuestMemory;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Component calls through the canonical ABI (issue: compiled lift/lower plans), each compared with the
 * same call through {@code jco transpile} + Node.js measured in the same run ({@code bench/node}):
 * per-call cost of {@code compute(s32, s32)} ({@code minimal.wasm}), a 1 KiB string echo and the sum of
 * a 10,000-element {@code list<s32>} ({@code types.wasm}'s {@code echo-string} and {@code sum-s32s}).
 * Java calls are timed through {@link Execution#invoke} (arguments already in the engine's value model:
 * the canonical ABI and the guest) and through {@link Execution#call} (plus the coercion from and to
 * SPEC 6.1's values, which happens above the engine). Then spawn throughput: instantiate, call {@code compute(6, 7)} and close, per process, for the
 * component against the same function in a core module ({@code fixtures/wasm/compute.wasm}).
 *
 * <p>Usage: {@code ComponentBench <fixtures/components/wasm> <fixtures/wasm> <bench/node>}.
 */
public final class ComponentBench {

    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Path components = Path.of(args.length > 0 ? args[0] : "fixtures/components/wasm");
        Path core = Path.of(args.length > 1 ? args[1] : "fixtures/wasm");
        Path node = Path.of(args.length > 2 ? args[2] : "bench/node");
        int calls = Integer.getInteger("calls", 20_000);
        int spawns = Integer.getInteger("spawns", 20_000);
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());

        WasmEngine engine = WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER).build());
        Program minimal = engine.load("minimal.wasm", Files.readAllBytes(components.resolve("minimal.wasm")));
        Program types = engine.load("types.wasm", Files.readAllBytes(components.resolve("types.wasm")));
        Program computeCore = engine.load("compute.wasm", Files.readAllBytes(core.resolve("compute.wasm")));

        if (!Boolean.getBoolean("spawnOnly")) { // -DspawnOnly=true: the spawn figures alone
            perCall(minimal, types, node, components, calls);
        }
        // spawn: instantiate + compute(6, 7) + close, component against core module, alternating, best of 5
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            double component = 0;
            double coreModule = 0;
            double componentCpu = Double.MAX_VALUE;
            double coreCpu = Double.MAX_VALUE;
            spawn(minimal, spawns / 4, threads);
            spawn(computeCore, spawns / 4, threads);
            for (int k = 0; k < 5; k++) {
                double[] c = spawn(minimal, spawns, threads);
                double[] m = spawn(computeCore, spawns, threads);
                component = Math.max(component, c[0]);
                coreModule = Math.max(coreModule, m[0]);
                componentCpu = Math.min(componentCpu, c[1]);
                coreCpu = Math.min(coreCpu, m[1]);
            }
            System.out.printf(Locale.ROOT, "spawn (instantiate, compute(6, 7), close; %d thread%s): component %,.0f /s"
                            + " (%.1f us CPU each), core module %,.0f /s (%.1f us CPU each), ratio %.2fx (goal >= 0.50x),"
                            + " by CPU time %.2fx%n", threads, threads == 1 ? "" : "s", component, componentCpu, coreModule,
                    coreCpu, component / coreModule, coreCpu / componentCpu);
        }
    }

    private static void perCall(Program minimal, Program types, Path node, Path components, int calls) throws Exception {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(24).substring(0, 1024);
        List<Object> numbers = new ArrayList<>(10_000);
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            int v = (int) ((i * 7919L) % 200_001 - 100_000);
            numbers.add(v);
            sum += v;
        }
        List<Object> listArgs = List.of(List.copyOf(numbers));
        long expectedSum = sum;

        Map<String, Double> jco = node(node, components, calls);

        WitFunction computeSig = minimal.signature("compute", null);
        WitFunction echoSig = types.signature("echo-string", null);
        WitFunction sumSig = types.signature("sum-s32s", null);
        List<Object> computeArgs = List.of(6, 7);
        List<Object> echoArgs = List.of(text);
        double[] invoke = new double[3];
        double[] call = new double[3];
        try (Execution m = minimal.instantiate(config()); Execution t = types.instantiate(config())) {
            List<Supplier<Object>> invokes = List.of(() -> m.invoke(computeSig, computeArgs),
                    () -> t.invoke(echoSig, echoArgs), () -> t.invoke(sumSig, listArgs));
            List<Supplier<Object>> plain = List.of(() -> m.call("compute", null, computeArgs, false),
                    () -> t.call("echo-string", null, echoArgs, false), () -> t.call("sum-s32s", null, listArgs, false));
            Object[] expected = {42, text, expectedSum};
            int[] n = {calls, calls, calls / 10};
            for (int k = 0; k < 3; k++) { // warm-up (JIT)
                for (int i = 0; i < 3; i++) {
                    time(n[i], invokes.get(i), expected[i]);
                    time(n[i], plain.get(i), expected[i]);
                }
            }
            for (int i = 0; i < 3; i++) {
                invoke[i] = best(n[i], invokes.get(i), expected[i]);
                call[i] = best(n[i], plain.get(i), expected[i]);
            }
        }

        // what of sum-s32s is the canonical ABI: lowering the list alone, into an array-backed memory
        byte[] scratch = new byte[1 << 20];
        GuestMemory memory = new GuestMemory() {
            @Override
            public byte[] read(int address, int length) {
                return java.util.Arrays.copyOfRange(scratch, address, address + length);
            }

            @Override
            public void write(int address, byte[] bytes) {
                System.arraycopy(bytes, 0, scratch, address, bytes.length);
            }

            // overrides GuestMemory's bulk write where the runtime has it (not @Override: the bench also builds
            // against the runtime before it, for the "before" figures)
            public void write(int address, byte[] bytes, int offset, int length) {
                System.arraycopy(bytes, offset, scratch, address, length);
            }

            @Override
            public long size() {
                return scratch.length;
            }
        };
        GuestAllocator bump = (oldPtr, oldSize, align, newSize) -> 1024;
        for (int k = 0; k < 3; k++) {
            time(calls / 10, () -> CanonicalAbi.lowerArguments(sumSig, listArgs, memory, bump), null);
        }
        double lowerList = best(calls / 10, () -> CanonicalAbi.lowerArguments(sumSig, listArgs, memory, bump), null);

        System.out.printf(Locale.ROOT, "%-28s %16s %16s %12s %10s%n", "per call (best of 7 rounds)", "wippy invoke",
                "wippy call", "jco", "invoke/jco");
        String[] names = {"compute(6, 7)", "echo-string (1 KiB ASCII)", "sum-s32s (10,000 x s32)"};
        String[] keys = {"compute", "echoString", "sumS32s"};
        for (int i = 0; i < 3; i++) {
            double j = jco.get(keys[i]);
            System.out.printf(Locale.ROOT, "%-28s %13.2f us %13.2f us %9.2f us %9.2fx%n", names[i], invoke[i] / 1000,
                    call[i] / 1000, j / 1000, invoke[i] / j);
        }
        System.out.printf(Locale.ROOT, "of sum-s32s: lowering the 10,000-element list %.2f us, the rest (the guest's loop,"
                + " the call) %.2f us%n", lowerList / 1000, (invoke[2] - lowerList) / 1000);

    }

    private static ExecutionConfig config() {
        return new ExecutionConfig(WasiOptions.builder().stdout(System.out).stderr(System.err).build(), 0, Set.of());
    }

    /** ns per call, best of ROUNDS rounds. */
    private static double best(int n, Supplier<Object> call, Object expected) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            best = Math.min(best, time(n, call, expected));
        }
        return best;
    }

    private static double time(int n, Supplier<Object> call, Object expected) {
        Object last = null;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            last = call.get();
        }
        double ns = (double) (System.nanoTime() - start) / n;
        if (expected != null && !expected.equals(last)) {
            throw new IllegalStateException("expected " + expected + ", got " + last);
        }
        return ns;
    }

    /**
     * Processes per second (wall clock) and CPU microseconds per process (of the threads doing it, so
     * less disturbed by other work on the machine): each instantiates, calls compute(6, 7) once and
     * closes, on {@code threads} threads.
     */
    private static double[] spawn(Program program, int n, int threads) throws InterruptedException {
        AtomicLong left = new AtomicLong(n);
        AtomicLong cpuNanos = new AtomicLong();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                while (left.getAndDecrement() > 0) {
                    try (Execution e = program.instantiate(config())) {
                        Object r = e.call("compute", null, List.of(6, 7), false);
                        if (!Integer.valueOf(42).equals(r)) {
                            throw new IllegalStateException("compute(6, 7) returned " + r);
                        }
                    }
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return new double[] {n / ((System.nanoTime() - start) / 1e9), cpuNanos.get() / 1e3 / n};
    }

    /** Runs bench/node/component-bench.mjs: ns per call of the same calls under jco. */
    private static Map<String, Double> node(Path nodeDir, Path components, int calls) throws Exception {
        Path build = Files.createTempDirectory("wippy-jco-bench");
        Process p = new ProcessBuilder("node", nodeDir.resolve("component-bench.mjs").toString(),
                components.toString(), build.toString(), String.valueOf(calls))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (p.waitFor() != 0 || line == null) {
            throw new IllegalStateException("the jco benchmark failed (run `npm ci` in bench/node)");
        }
        Map<String, Double> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":([0-9.eE+-]+)").matcher(line);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        System.out.println("jco 1.16.1 (bench/node): " + line);
        return out;
    }
}
