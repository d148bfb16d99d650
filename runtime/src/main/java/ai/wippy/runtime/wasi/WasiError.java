package ai.wippy.runtime.wasi;

/**
 * Carries an errno from deep inside a WASI call back to the host function, which returns it to
 * the guest. Never escapes into the engine; cheap (no stack trace) because guests trigger it at will.
 */
final class WasiError extends RuntimeException {

    private final int errno;

    WasiError(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
