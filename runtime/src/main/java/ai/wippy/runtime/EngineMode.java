package ai.wippy.runtime;

import ai.wippy.runtime.WippyException;
import java.util.Locale;

/** How guest code runs (SPEC §7, {@code wippy.engine}). */
public enum EngineMode {
    /** Compiled code when it is cached or cheap to produce; otherwise interpret now, compile for next time. */
    AUTO,
    /** Chicory's interpreter only: no compilation, the smallest attack surface, the slowest. */
    INTERPRETER,
    /** Always compile to JVM bytecode (cached in memory and on disk). */
    COMPILER;

    public static EngineMode parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WippyException.user("wippy.engine must be auto, interpreter or compiler, got: " + text);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
