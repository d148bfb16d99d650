package ai.wippy.runtime.process;

/** Why the host stopped a process before it ended by itself. */
public enum StopReason {
    /** Its {@code max_execution_ms} budget ran out. */
    TIMEOUT,
    /** Someone called {@link ProcessHost#terminate}. */
    TERMINATED,
    /** The host shut down. */
    SHUTDOWN
}
