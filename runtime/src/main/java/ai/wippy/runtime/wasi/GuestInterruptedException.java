package ai.wippy.runtime.wasi;

/**
 * The guest's thread was interrupted while the guest was in a host call: waiting (sleep, poll,
 * blocking read) or moving a large buffer piece by piece. The thread's interrupt flag stays set so
 * the caller's own interruption handling still sees it.
 */
public final class GuestInterruptedException extends RuntimeException {

    public GuestInterruptedException() {
        this("guest interrupted while waiting");
    }

    private GuestInterruptedException(String message) {
        super(message, null, false, false);
    }

    /** Ends a long host call of a process that was stopped meanwhile; the interrupt flag stays set. */
    static void throwIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new GuestInterruptedException("guest interrupted in a host call");
        }
    }
}
