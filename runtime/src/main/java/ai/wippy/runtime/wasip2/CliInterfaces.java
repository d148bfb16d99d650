package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.wasi.WasiExitException;
import ai.wippy.runtime.wit.WitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * wasi:cli: {@code environment}, {@code exit}, {@code stdin}/{@code stdout}/{@code stderr} and the
 * terminal interfaces. Unlike preview 1, preview 2 has a working directory: {@code initial-cwd} is
 * the entry's {@code wasi.cwd}.
 */
final class CliInterfaces {

    private CliInterfaces() {
    }

    static HostCall environment(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "get-environment" -> args -> {
                List<Object> out = new ArrayList<>();
                for (Map.Entry<String, String> e : cx.options.environment()) {
                    out.add(List.of(e.getKey(), e.getValue()));
                }
                return out;
            };
            case "get-arguments" -> args -> List.copyOf(cx.options.arguments());
            case "initial-cwd" -> args -> cx.options.cwd();
            default -> null;
        };
    }

    static HostCall exit(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "exit" -> args -> {
                throw new WasiExitException(((WitResult) args.get(0)).isOk() ? 0 : 1);
            };
            case "exit-with-code" -> args -> {
                throw new WasiExitException(((Number) args.get(0)).intValue() & 0xff);
            };
            default -> null;
        };
    }

    static HostCall stdin(String function, FuncType type, WasiContext cx) {
        if (function.equals("get-stdin")) {
            return args -> cx.resources.own(Types.own(type.result()), new StdinStream(cx.stdin()));
        }
        return null;
    }

    static HostCall stdout(String function, FuncType type, WasiContext cx) {
        if (function.equals("get-stdout")) {
            return args -> cx.resources.own(Types.own(type.result()), new SinkStream(cx.options.stdout()));
        }
        return null;
    }

    static HostCall stderr(String function, FuncType type, WasiContext cx) {
        if (function.equals("get-stderr")) {
            return args -> cx.resources.own(Types.own(type.result()), new SinkStream(cx.options.stderr()));
        }
        return null;
    }

    /**
     * terminal-stdin/-stdout/-stderr: a terminal resource when the guest's stream is the console's
     * and a tty (a command run from a terminal, see {@code launch.Terminals}), else none: captured
     * output, pipes and files are not terminals. The terminal resources have no methods, only drop.
     */
    static HostCall terminal(String function, FuncType type, WasiContext cx) {
        int fd = switch (function) {
            case "get-terminal-stdin" -> 0;
            case "get-terminal-stdout" -> 1;
            case "get-terminal-stderr" -> 2;
            default -> -1;
        };
        if (fd < 0) {
            return null;
        }
        return args -> cx.options.isTerminal(fd)
                ? cx.resources.own(Types.own(type.result(), "[]"), new Terminal(fd))
                : null;
    }

    /** A terminal-input or terminal-output: which standard stream it stands for. */
    record Terminal(int fd) {
    }
}
