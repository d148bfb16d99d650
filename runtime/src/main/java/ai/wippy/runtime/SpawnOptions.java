package ai.wippy.runtime;

import ai.wippy.runtime.process.TimeLimit;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link WippyRuntime} spawns a captured process, beyond its entry and arguments.
 *
 * @param limit       a budget that tightens the entry's own {@code max_execution_ms}, named for the
 *                    timeout message ({@link TimeLimit#NONE}: the entry's own only)
 * @param label       how the process's output lines are tagged in the log ({@code [label] line}); null: the entry ID
 * @param outputFile  where the whole output (stdout and stderr) is written as it streams, bounded;
 *                    null: nowhere, only the kept head and tail exist
 */
public record SpawnOptions(TimeLimit limit, String label, Path outputFile) {

    public SpawnOptions {
        Objects.requireNonNull(limit, "limit");
    }

    public static SpawnOptions defaults() {
        return new SpawnOptions(TimeLimit.NONE, null, null);
    }

    public SpawnOptions withLimit(TimeLimit limit) {
        return new SpawnOptions(limit, label, outputFile);
    }

    public SpawnOptions withOutput(String label, Path outputFile) {
        return new SpawnOptions(limit, label, outputFile);
    }
}
