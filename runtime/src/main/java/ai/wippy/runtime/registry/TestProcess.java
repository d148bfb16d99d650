package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.util.List;

/**
 * A {@code test.process} entry (SPEC §9): spawn {@code target} with {@code args} and check the
 * outcome against {@code expect}. {@code suite} is {@code meta.suite} (default {@code wippy}).
 */
public record TestProcess(EntryId id, EntryId target, List<Object> args, long timeoutMs,
        Expectation expect, String suite, String description, SourcePosition position) {

    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final String DEFAULT_SUITE = "wippy";
}
