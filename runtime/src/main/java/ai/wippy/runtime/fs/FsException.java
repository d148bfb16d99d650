package ai.wippy.runtime.fs;

/**
 * A failed filesystem operation. Guests provoke these all the time (a missing file is an answer,
 * not a fault), so no stack trace is captured.
 */
public final class FsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FsError error;

    public FsException(FsError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public FsError error() {
        return error;
    }
}
