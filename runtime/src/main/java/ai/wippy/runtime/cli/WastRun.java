package ai.wippy.runtime.cli;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.WastRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Component Model {@code .wast} scripts, like {@code wasmtime wast}:
 *
 * <pre>
 * bin/wippy-wast [--verbose] [--engine auto|interpreter|compiler] SCRIPT.json|SCRIPT.wast|DIR...
 * </pre>
 *
 * Scripts are in the JSON form of wasm-tools' {@code json-from-wast}, with their binaries beside
 * them ({@code fixtures/conformance/convert.mjs} converts the specification's {@code .wast} files;
 * {@code bin/wippy-wast} converts {@code .wast} arguments that way, with Node.js, before calling
 * this). Prints a line per failed assertion and {@code N passed, N failed, N skipped}; exits 1 when
 * any failed.
 */
public final class WastRun {

    private WastRun() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        boolean verbose = false;
        EngineMode mode = EngineMode.INTERPRETER;
        List<Path> scripts = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            } else if (a.equals("--engine")) {
                if (++i >= argv.length) {
                    err.println("wippy-wast: --engine needs a value (auto, interpreter or compiler)");
                    return 2;
                }
                try {
                    mode = EngineMode.parse(argv[i]);
                } catch (RuntimeException e) {
                    err.println("wippy-wast: " + e.getMessage());
                    return 2;
                }
            } else {
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("package.json"))
                                .sorted().forEach(scripts::add);
                    } catch (IOException e) {
                        err.println("wippy-wast: cannot read " + p + ": " + e.getMessage());
                        return 2;
                    }
                } else if (Files.isRegularFile(p) && a.endsWith(".json")) {
                    scripts.add(p);
                } else {
                    err.println("wippy-wast: " + a + " is not a .json script or a directory of them"
                            + " (bin/wippy-wast converts .wast scripts first, with Node.js)");
                    return 2;
                }
            }
        }
        if (scripts.isEmpty()) {
            err.println("usage: wippy-wast [--verbose] [--engine auto|interpreter|compiler] SCRIPT.json|SCRIPT.wast|DIR...");
            return 2;
        }
        try {
            WastRunner.Summary s = new WastRunner(EngineOptions.builder().mode(mode).build(), out, verbose)
                    .runAll(scripts);
            return s.failed() == 0 ? 0 : 1;
        } catch (IOException e) {
            err.println("wippy-wast: " + e.getMessage());
            return 2;
        }
    }
}
