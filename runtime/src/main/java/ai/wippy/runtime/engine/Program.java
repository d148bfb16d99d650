package ai.wippy.runtime.engine;

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

    /** A fresh instance for one process. The caller closes it. */
    Execution instantiate(ExecutionConfig config);
}
