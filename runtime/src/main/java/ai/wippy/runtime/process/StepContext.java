package ai.wippy.runtime.process;

/** What the host gives a running step. */
public interface StepContext {

    Pid pid();

    /**
     * Call {@code beforeWait} before blocking and {@code afterWait} after, so the host can run
     * another process on this worker meanwhile.
     */
    WaitSlot waitHook();

    /**
     * Why the host is stopping this process ({@code execution timed out after …}, {@code terminated}),
     * once it has decided to; the step's thread is interrupted at the same moment.
     */
    java.util.Optional<String> stopReason();

    /** Gives the worker slot back while the process waits, and takes one again afterwards. */
    interface WaitSlot {
        void beforeWait();

        void afterWait();
    }
}
