package ai.wippy.bench;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CPU-bound kernel ({@code fixtures/wasm/kernel.wasm}: hashing a 4 MiB buffer and a prime sieve per
 * round) run compiled (with and without the interruption listener installed), interpreted (with and
 * without the per-instruction interruption check) and under Node.js's V8, all in one run; prints
 * milliseconds per round and ratios to V8. Then the interpreter fallback of compiled modules
 * ({@code fixtures/wasm/huge_loop.wasm}: {@code count(n)} is too large for a JVM method) with and
 * without the check.
 */
public final class EngineBench {

    public static void main(String[] args) throws Exception {
        Path kernel = Path.of(args.length > 0 ? args[0] : "fixtures/wasm/kernel.wasm");
        int rounds = Integer.getInteger("rounds", 20);
        int interpretedRounds = Integer.getInteger("interpretedRounds", 1);
        byte[] bytes = Files.readAllBytes(kernel);
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());

        long compileStart = System.nanoTime();
        Program compiled = WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER).build()).load("kernel", bytes);
        double compileMs = (System.nanoTime() - compileStart) / 1e6;
        Program interpreted = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build()).load("kernel", bytes);
        Program unchecked = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER)
                .interpreterInterruptChecks(false).build()).load("kernel", bytes);
        Program compiledUnchecked = WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER)
                .interpreterInterruptChecks(false).build()).load("kernel", bytes);

        run(compiled, 2); // warm-up of the JIT on the compiled code
        run(compiledUnchecked, 2);
        // alternating, best of three: the listener must cost compiled code nothing, so noise matters
        Result c = null;
        Result cu = null;
        for (int k = 0; k < 3; k++) {
            c = best(c, run(compiled, rounds));
            cu = best(cu, run(compiledUnchecked, rounds));
        }
        Result i = run(interpreted, interpretedRounds);
        Result u = run(unchecked, interpretedRounds);
        Result node = node(kernel, rounds);
        if (!c.checksum.equals(node.checksum)) { // same rounds, same program: same checksum
            System.out.println("WARNING: checksums differ: compiled " + c.checksum + ", node " + node.checksum);
        }
        System.out.printf(Locale.ROOT, "compile once: %.0f ms%n", compileMs);
        print("node (V8)", node, node);
        print("compiled", c, node);
        print("compiled, no interrupt listener", cu, node);
        print("interpreted", i, node);
        print("interpreted, no interrupt checks", u, node);
        System.out.printf(Locale.ROOT, "interrupt-check overhead in the interpreter: %.1f%%%n",
                (i.msPerRound / u.msPerRound - 1) * 100);
        System.out.printf(Locale.ROOT, "interrupt-listener overhead in compiled code: %.1f%%%n",
                (c.msPerRound / cu.msPerRound - 1) * 100);
        fallback(Path.of(args.length > 1 ? args[1] : "fixtures/wasm/huge_loop.wasm"));
    }

    private static Result best(Result a, Result b) {
        return a == null || b.msPerRound < a.msPerRound ? b : a;
    }

    /** {@code count(n)} of huge_loop.wasm, compiled: it runs in Chicory's interpreter fallback. */
    private static void fallback(Path hugeLoop) throws Exception {
        byte[] bytes = Files.readAllBytes(hugeLoop);
        int n = Integer.getInteger("fallbackIterations", 5_000_000);
        Program checked = WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER).build())
                .load("huge_loop", bytes);
        Program unchecked = WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER)
                .interpreterInterruptChecks(false).build()).load("huge_loop", bytes);
        count(checked, n / 10); // warm-up
        count(unchecked, n / 10);
        double withCheck = Double.MAX_VALUE;
        double without = Double.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            withCheck = Math.min(withCheck, count(checked, n));
            without = Math.min(without, count(unchecked, n));
        }
        System.out.printf(Locale.ROOT, "interpreter fallback, count(%d): %.0f ms with the check, %.0f ms without:"
                + " overhead %.1f%%%n", n, withCheck, without, (withCheck / without - 1) * 100);
    }

    private static double count(Program p, int n) {
        WasiOptions wasi = WasiOptions.builder().arguments(List.of("huge_loop"))
                .stdout(System.out).stderr(System.err).build();
        long start = System.nanoTime();
        try (Execution e = p.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
            Object r = e.call("count", null, List.of(n), false);
            if (!Integer.valueOf(n).equals(r)) {
                throw new IllegalStateException("count(" + n + ") returned " + r);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    record Result(double msPerRound, String checksum) {
    }

    private static void print(String label, Result r, Result node) {
        System.out.printf(Locale.ROOT, "%-34s %10.1f ms/round  %8.2fx node%n", label, r.msPerRound, r.msPerRound / node.msPerRound);
    }

    private static Result run(Program p, int rounds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiOptions wasi = WasiOptions.builder().arguments(List.of("kernel.wasm", String.valueOf(rounds)))
                .stdout(out).stderr(System.err).build();
        long start = System.nanoTime();
        try (Execution e = p.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
            e.call("_start", null, List.of(), true);
        } catch (WasmCallException x) {
            if (x.reason() != WasmCallException.Reason.EXIT || x.exitCode() != 0) {
                throw x;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return new Result(ms / rounds, out.toString(StandardCharsets.UTF_8).trim());
    }

    private static Result node(Path kernel, int rounds) throws Exception {
        Path runner = Path.of("fixtures/node/run-wasi.mjs");
        List<String> cmd = new ArrayList<>(List.of("node", "--no-warnings", runner.toString(), "--", kernel.toString(), String.valueOf(rounds)));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int code = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("node failed (" + code + "): " + out);
        }
        return new Result(ms / rounds, out);
    }
}
