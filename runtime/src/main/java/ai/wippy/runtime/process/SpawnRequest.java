package ai.wippy.runtime.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What to start: the process, what its Init receives, a name for messages and thread names
 * (usually the entry ID), and its wall-clock budget over its whole life, named for the timeout
 * message. Arguments may contain nulls (an absent {@code option} value).
 */
public record SpawnRequest(String name, Process process, String method, List<Object> args, TimeLimit limit) {

    public SpawnRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(limit, "limit");
        args = Collections.unmodifiableList(new ArrayList<>(args == null ? List.of() : args));
    }

    /** A request whose budget ({@code 0} = none) is the entry's own {@code limits.max_execution_ms}. */
    public SpawnRequest(String name, Process process, String method, List<Object> args, long maxExecutionMs) {
        this(name, process, method, args, entryLimit(maxExecutionMs));
    }

    private static TimeLimit entryLimit(long maxExecutionMs) {
        if (maxExecutionMs < 0) {
            throw new IllegalArgumentException("maxExecutionMs cannot be negative");
        }
        return TimeLimit.ofEntry(maxExecutionMs);
    }

    /** The budget in milliseconds; 0 = none. */
    public long maxExecutionMs() {
        return limit.millis();
    }
}
