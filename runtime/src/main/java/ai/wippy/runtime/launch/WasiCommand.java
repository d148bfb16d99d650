package ai.wippy.runtime.launch;

import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.Map;

/**
 * A WASI 0.2 command's {@code wasi:cli/run@0.2.x#run}: its {@code result} (no payloads) is an exit
 * status, 0 for ok and 1 for error, as wasmtime and jco run it; a program that calls
 * {@code exit(n)} ends with {@code n} before returning.
 */
final class WasiCommand {

    private WasiCommand() {
    }

    static boolean isRun(Program program, String method, String wit) {
        WitFunction f = program.signature(method, wit);
        String name = f.name();
        return name.startsWith("wasi:cli/run@0.2.") && name.endsWith("#run") && f.params().isEmpty()
                && f.results().size() == 1 && f.results().get(0) instanceof WitType.ResultType r
                && r.ok() == null && r.err() == null;
    }

    static int exitCode(Object plainResult) {
        return plainResult instanceof Map<?, ?> m && m.containsKey("ok") ? 0 : 1;
    }
}
