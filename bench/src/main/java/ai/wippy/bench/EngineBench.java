package ai.wippy.bench;

import ai.wippy.runtime.engine.EngineMode;
import ai.wippy.runtime.engine.EngineOptions;
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
 * round) run compiled, interpreted (with and without the per-instruction interruption check) and
 * under Node.js's V8, all in one run; prints milliseconds per round and ratios to V8.
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

        run(compiled, 2); // warm-up of the JIT on the compiled code
        Result c = run(compiled, rounds);
        Result i = run(interpreted, interpretedRounds);
        Result u = run(unchecked, interpretedRounds);
        Result node = node(kernel, rounds);
        if (!c.checksum.equals(node.checksum)) { // same rounds, same program: same checksum
            System.out.println("WARNING: checksums differ: compiled " + c.checksum + ", node " + node.checksum);
        }
        System.out.printf(Locale.ROOT, "compile once: %.0f ms%n", compileMs);
        print("node (V8)", node, node);
        print("compiled", c, node);
        print("interpreted", i, node);
        print("interpreted, no interrupt checks", u, node);
        System.out.printf(Locale.ROOT, "interrupt-check overhead in the interpreter: %.1f%%%n",
                (i.msPerRound / u.msPerRound - 1) * 100);
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
