package ai.wippy.runtime.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What to start: the process, what its Init receives, a name for messages and thread names
 * (usually the entry ID), and its wall-clock budget ({@code 0} = none) over its whole life.
 * Arguments may contain nulls (an absent {@code option} value).
 */
public record SpawnRequest(String name, Process process, String method, List<Object> args,
        long maxExecutionMs) {

    public SpawnRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        args = Collections.unmodifiableList(new ArrayList<>(args == null ? List.of() : args));
        if (maxExecutionMs < 0) {
            throw new IllegalArgumentException("maxExecutionMs cannot be negative");
        }
    }
}
