package ai.wippy.runtime.wasi;

/** The guest called {@code proc_exit}; unwinds the guest's stack to the host. */
public final class WasiExitException extends RuntimeException {

    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("exit status " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
