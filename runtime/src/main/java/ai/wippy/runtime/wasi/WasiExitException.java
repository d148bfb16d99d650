package ai.wippy.runtime.wasi;

/** The guest called {@code proc_exit(code)}; thrown for every code, 0 included. */
public final class WasiExitException extends RuntimeException {

    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("guest exited with code " + exitCode, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
