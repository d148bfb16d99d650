package ai.wippy.runtime.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WASM call stack of a failure, with function names from the module's name section. Compiled
 * code runs each WASM function as a JVM method {@code func_<index>}, so the JVM stack trace gives the
 * WASM frames; the interpreter's frames are not visible from outside and give none.
 */
final class WasmStack {

    private static final Pattern FRAME = Pattern.compile("func_(\\d+)");

    private WasmStack() {
    }

    /** One line per WASM frame, innermost first ({@code "  at name (func 12)"}); empty when unknown. */
    static String of(Throwable failure, WasmModule module) {
        NameCustomSection names = module.nameSection();
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (!frame.getClassName().startsWith("com.dylibso.chicory.$gen.")) {
                continue;
            }
            Matcher m = FRAME.matcher(frame.getMethodName());
            if (!m.matches()) {
                continue;
            }
            int index = Integer.parseInt(m.group(1));
            String name = names == null ? null : names.nameOfFunction(index);
            sb.append("  at ").append(name == null ? "<unnamed>" : name).append(" (func ").append(index).append(")\n");
        }
        return sb.toString();
    }
}
