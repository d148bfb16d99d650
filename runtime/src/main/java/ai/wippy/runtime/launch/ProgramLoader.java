package ai.wippy.runtime.launch;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.hash.HashCheck;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the program of a WASM entry: locates the binary, reads it once, checks its SHA-256
 * against the entry's {@code hash} on the very bytes that are then loaded (so nothing can swap
 * the file between check and load), and hands it to the engine. A binary whose hash does not
 * match is never instantiated. Programs are kept per entry for the life of the runtime (one
 * check per build, as Wippy checks at load time).
 */
public final class ProgramLoader {

    private final Registry registry;
    private final WasmEngine engine;
    private final ConcurrentHashMap<String, Program> loaded = new ConcurrentHashMap<>();
    private final HostInterfaces hosts;

    public ProgramLoader(Registry registry, WasmEngine engine) {
        this(registry, engine, HostInterfaces.NONE);
    }

    /** {@code hosts}: the Java host interfaces the programs' components may import. */
    public ProgramLoader(Registry registry, WasmEngine engine, HostInterfaces hosts) {
        this.registry = registry;
        this.engine = engine;
        this.hosts = hosts;
    }

    public HostInterfaces hosts() {
        return hosts;
    }

    public Program load(WasmEntry entry) {
        return loaded.computeIfAbsent(entry.id().toString(), k -> loadNow(entry));
    }

    private Program loadNow(WasmEntry entry) {
        Path file = BinaryLocator.locate(registry, entry);
        byte[] bytes = BinaryLocator.read(entry, file);
        HashCheck check = HashCheck.ofBytes(entry.hash(), bytes);
        if (!check.ok()) {
            throw WippyException.user(entry.id() + ": hash verification failed for " + file + ": " + check.message());
        }
        return engine.load(file.toString(), bytes);
    }
}
