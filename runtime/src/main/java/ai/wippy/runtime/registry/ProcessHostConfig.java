package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;

/**
 * A {@code process.host} entry ({@code host: {workers, queue_size, max_processes}}).
 * {@code maxProcesses} 0 means unbounded.
 */
public record ProcessHostConfig(EntryId id, int workers, int queueSize, int maxProcesses, SourcePosition position) {

    public static final int DEFAULT_QUEUE_SIZE = 1024;

    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }
}
