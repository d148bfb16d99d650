package ai.wippy.runtime.wasi;

/**
 * The guest's thread was interrupted while the guest waited (sleep, poll, blocking read). The
 * thread's interrupt flag stays set so the caller's own interruption handling still sees it.
 */
public final class GuestInterruptedException extends RuntimeException {

    public GuestInterruptedException() {
        super("guest interrupted while waiting", null, false, false);
    }
}
