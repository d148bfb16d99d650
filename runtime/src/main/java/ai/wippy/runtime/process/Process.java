package ai.wippy.runtime.process;

import java.util.List;

/**
 * A process as the host drives it (SPEC §7): {@link #init} captures what to run and instantiates
 * nothing; {@link #step} does the work; {@link #close} releases everything, always, also after an
 * error, a timeout or a termination.
 *
 * <p>A guest that waits (sleep, poll, blocking read) does so inside {@code step}: its thread parks
 * and {@link StepContext#waitHook()} gives its worker slot back while it waits. On Java 21+ that
 * thread is virtual, so a waiting guest holds no platform thread.
 */
public interface Process {

    /** Captures the method and arguments. A failure here makes the spawn fail. */
    void init(String method, List<Object> args);

    /** Runs the process to its end and returns how it ended. Must honour thread interruption. */
    ProcessResult step(StepContext context);

    /** Releases the instance and everything else the process holds. Idempotent. */
    void close();
}
