package ai.wippy.runtime.process;

/**
 * Sizing of a process host ({@code process.host} entry, SPEC §7).
 *
 * @param workers      processes running guest code at the same time (waiting ones do not count)
 * @param queueSize    processes admitted but waiting for a worker; spawning past it is refused
 * @param maxProcesses live processes (queued, running or waiting); 0 = unbounded
 */
public record HostLimits(int workers, int queueSize, int maxProcesses) {

    public HostLimits {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (queueSize < 0 || maxProcesses < 0) {
            throw new IllegalArgumentException("queue_size and max_processes cannot be negative");
        }
    }

    public static HostLimits defaults() {
        return new HostLimits(Runtime.getRuntime().availableProcessors(), 1024, 0);
    }
}
