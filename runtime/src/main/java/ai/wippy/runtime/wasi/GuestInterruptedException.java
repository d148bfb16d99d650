package ai.wippy.runtime.wasi;

/**
 * The guest's thread was interrupted (timeout or termination) while it waited in a WASI call. The
 * thread's interrupt flag stays set.
 */
public final class GuestInterruptedException extends RuntimeException {

    public GuestInterruptedException() {
        super("interrupted while waiting", null, false, false);
    }
}
