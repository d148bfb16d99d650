package ai.wippy.runtime.cli;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.ConsoleStdin;
import ai.wippy.runtime.wasi.WasiMount;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one WASI preview 1 command module from the command line, wasmtime-style, so conformance
 * suites (e.g. WebAssembly/wasi-testsuite, through an adapter) can drive the runtime's WASI host:
 *
 * <pre>
 * bin/wippy-wasi [--dir HOST[::GUEST]]... [--env NAME=VALUE]... [--ro-dir HOST[::GUEST]]...
 *                [--engine auto|interpreter|compiler] [--] module.wasm [args...]
 * </pre>
 *
 * argv[0] is the module's file name; stdio is the console's; the exit code is the guest's, 134 for
 * a trap (as wasmtime), 2 for a usage error.
 */
public final class WasiRun {

    private WasiRun() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        List<WasiMount> mounts = new ArrayList<>();
        List<Map.Entry<String, String>> env = new ArrayList<>();
        EngineMode mode = EngineMode.AUTO;
        int i = 0;
        try {
            for (; i < argv.length && argv[i].startsWith("--"); i++) {
                String flag = argv[i];
                if (flag.equals("--")) {
                    i++;
                    break;
                }
                if (i + 1 >= argv.length) {
                    return usage(err, flag + " needs a value");
                }
                String value = argv[++i];
                switch (flag) {
                    case "--dir", "--ro-dir" -> mounts.add(mount(value, flag.equals("--ro-dir")));
                    case "--env" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            return usage(err, "--env takes NAME=VALUE, got " + value);
                        }
                        env.add(Map.entry(value.substring(0, eq), value.substring(eq + 1)));
                    }
                    case "--engine" -> mode = EngineMode.parse(value);
                    default -> {
                        return usage(err, "unknown option " + flag);
                    }
                }
            }
            if (i >= argv.length) {
                return usage(err, "no module given");
            }
            Path module = Path.of(argv[i]);
            List<String> args = new ArrayList<>();
            args.add(module.getFileName().toString());
            for (int k = i + 1; k < argv.length; k++) {
                args.add(argv[k]);
            }
            Program program = WasmEngine.create(EngineOptions.builder().mode(mode).build())
                    .load(module.toString(), Files.readAllBytes(module));
            WasiOptions wasi = WasiOptions.builder().arguments(args).environment(env).mounts(mounts)
                    .stdin(ConsoleStdin.systemIn(m -> { })).stdout(out).stderr(err).build();
            try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
                e.call("_start", null, List.of(), true);
                return 0;
            } catch (WasmCallException e) {
                if (e.reason() == WasmCallException.Reason.EXIT) {
                    return e.exitCode();
                }
                err.println("wippy-wasi: " + e.getMessage());
                return 134;
            } finally {
                out.flush();
                err.flush();
            }
        } catch (WippyException | IllegalArgumentException | IllegalStateException e) {
            err.println("wippy-wasi: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("wippy-wasi: " + e);
            return 2;
        }
    }

    private static WasiMount mount(String spec, boolean readOnly) {
        int sep = spec.indexOf("::");
        String host = sep < 0 ? spec : spec.substring(0, sep);
        String guest = sep < 0 ? spec : spec.substring(sep + 2);
        return new WasiMount(guest, Path.of(host), readOnly);
    }

    private static int usage(PrintStream err, String problem) {
        err.println("wippy-wasi: " + problem);
        err.println("usage: wippy-wasi [--dir HOST[::GUEST]]... [--ro-dir HOST[::GUEST]]... [--env NAME=VALUE]..."
                + " [--engine auto|interpreter|compiler] [--] module.wasm [args...]");
        return 2;
    }
}
