package ai.wippy.runtime.engine;

import ai.wippy.runtime.BinaryKind;
import java.util.List;

/**
 * A loaded WASM binary, parsed, validated (and compiled where the engine mode says so) once and
 * shared by every process that runs it. Thread-safe. A core module and a component are both
 * Programs, so the process host and the goals do not care which one they run.
 */
public interface Program {

    /** The binary's name for messages (usually its path). */
    String name();

    BinaryKind kind();

    /** Lowercase hex SHA-256 of the raw binary. */
    String sha256();

    /** Names of the exported functions, sorted. */
    List<String> exportedFunctions();

    /** Whether running it needs WASI preview 1 (it imports {@code wasi_snapshot_preview1}). */
    boolean importsWasi();

    /**
     * The typed signature of export {@code method}, resolved once per (method, wit) and cached. A core
     * module's exports are typed by {@code wit} (the entry's WIT text, may be null: then the export's
     * numeric core signature); a component's by its own types ({@code wit} is ignored). The
     * signature's name is the export's full name.
     *
     * @throws WasmCallException EXPORT_NOT_FOUND, or ARGUMENT when the wit does not fit
     */
    ai.wippy.runtime.wit.WitFunction signature(String method, String wit);

    /** A fresh instance for one process. The caller closes it. */
    Execution instantiate(ExecutionConfig config);
}
