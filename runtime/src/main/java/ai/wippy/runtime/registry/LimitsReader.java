package ai.wippy.runtime.registry;

import ai.wippy.runtime.EngineOptions;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads {@code limits} and its newer location {@code options.limits} (SPEC §2). Declaring both is
 * an error; otherwise whichever is present gives the {@link Limits}.
 */
final class LimitsReader {

    private static final long KIB_64 = 64 * 1024;

    /**
     * The largest {@code memory_bytes} accepted: what the engine can give a guest (32767 pages of
     * 64 KiB, 2 GiB - 64 KiB; Chicory's memory is addressed by Java ints), not WebAssembly's 4 GiB,
     * so a limit never promises more than a guest can get. Equals {@code EngineOptions.MAX_MEMORY_BYTES},
     * which this package cannot see (it sits below the engine); a test keeps the two equal.
     */
    static final long MAX_MEMORY_BYTES = 32767 * KIB_64;

    /** Keys Wippy knows in a limits group; the ones beyond the first two are accepted and unused. */
    private static final List<String> KNOWN_KEYS = List.of("max_execution_ms", "memory_bytes",
            "host_buffer_bytes", "asyncify_stack_bytes", "max_open_sockets", "socket_timeout_ms",
            "max_retained_memory_bytes", "retained_memory_check_interval");

    private LimitsReader() {
    }

    static Limits read(Fields fields) {
        boolean root = fields.map("limits") != null;
        boolean options = fields.map("options") != null && fields.map("options.limits") != null;
        if (root && options) {
            fields.problem("options.limits", "duplicate options.limits declared at limits ("
                    + fields.entry().positionOf("limits") + ") and options.limits ("
                    + fields.entry().positionOf("options.limits") + ")");
        }
        Limits fromRoot = root ? group(fields, "limits") : null;
        Limits fromOptions = options ? group(fields, "options.limits") : null;
        if (fromOptions != null) {
            return fromOptions;
        }
        return fromRoot != null ? fromRoot : Limits.NONE;
    }

    private static Limits group(Fields fields, String prefix) {
        Map<String, Object> group = fields.map(prefix);
        for (String key : group.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                fields.problem(prefix + "." + key, "unknown field \"" + key + "\" in " + prefix
                        + " (allowed: " + String.join(", ", KNOWN_KEYS) + ")");
            }
        }
        long maxExecutionMs = 0;
        OptionalLong ms = fields.integer(prefix + ".max_execution_ms");
        if (ms.isPresent()) {
            if (ms.getAsLong() < 0) {
                fields.problem(prefix + ".max_execution_ms", "limits.max_execution_ms cannot be negative");
            } else {
                maxExecutionMs = ms.getAsLong();
            }
        }
        long memoryBytes = 0;
        OptionalLong memory = fields.integer(prefix + ".memory_bytes");
        if (memory.isPresent()) {
            memoryBytes = memoryBytes(fields, prefix + ".memory_bytes", memory.getAsLong());
        }
        for (String key : KNOWN_KEYS.subList(2, KNOWN_KEYS.size())) {
            OptionalLong value = fields.integer(prefix + "." + key);
            if (value.isPresent() && value.getAsLong() < 0) {
                fields.problem(prefix + "." + key, "limits." + key + " cannot be negative");
            }
        }
        return new Limits(maxExecutionMs, memoryBytes);
    }

    private static long memoryBytes(Fields fields, String path, long value) {
        if (value <= 0) {
            fields.problem(path, "limits.memory_bytes must be positive");
        } else if (value % KIB_64 != 0) {
            fields.problem(path, "limits.memory_bytes must be a multiple of 64KiB");
        } else if (value > MAX_MEMORY_BYTES) {
            fields.problem(path, "limits.memory_bytes cannot exceed " + MAX_MEMORY_BYTES
                    + " (2GiB - 64KiB, the most linear memory the WASM engine can give a guest), got " + value);
        } else {
            return value;
        }
        return 0;
    }
}
