package ai.wippy.runtime.registry;

import java.util.Optional;
import java.util.OptionalLong;

/** Validates a {@code process.host} entry's {@code host: {workers, queue_size, max_processes}}. */
final class ProcessHostReader {

    static final String KIND = "process.host";

    private ProcessHostReader() {
    }

    static Optional<ProcessHostConfig> read(Entry entry, ProblemCollector problems) {
        int before = problems.count();
        Fields fields = new Fields(entry, problems);
        fields.map("host");
        // 0 or absent means "the default" for workers and queue_size, as in Wippy's host config.
        int workers = count(fields, "host.workers");
        int queueSize = count(fields, "host.queue_size");
        int maxProcesses = count(fields, "host.max_processes");
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new ProcessHostConfig(entry.id(),
                workers > 0 ? workers : ProcessHostConfig.defaultWorkers(),
                queueSize > 0 ? queueSize : ProcessHostConfig.DEFAULT_QUEUE_SIZE,
                maxProcesses, entry.position()));
    }

    private static int count(Fields fields, String path) {
        OptionalLong value = fields.integer(path);
        if (value.isEmpty()) {
            return 0;
        }
        if (value.getAsLong() < 0 || value.getAsLong() > Integer.MAX_VALUE) {
            fields.problem(path, path + " must be a non-negative integer, got " + value.getAsLong());
            return 0;
        }
        return (int) value.getAsLong();
    }
}
