package ai.wippy.runtime.registry;

import java.util.Set;

/** The entry kinds this runtime understands (SPEC §1); every other kind is kept and ignored. */
public final class Kinds {

    private static final Set<String> UNDERSTOOD = Set.of("fs.directory", "env.variable", "env.storage.os",
            "env.storage.static", "env.storage.file", "env.storage.memory", "env.storage.router", "process.wasm",
            "function.wasm", "process.host", "terminal.host", "test.process");

    private Kinds() {
    }

    public static boolean understood(String kind) {
        return UNDERSTOOD.contains(kind);
    }
}
