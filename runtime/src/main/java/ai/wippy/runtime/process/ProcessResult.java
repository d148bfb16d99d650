package ai.wippy.runtime.process;

/**
 * How a process ended: a value, or an error message (SPEC §7 {@code result: {value, error}}). When
 * the guest called WASI {@code exit}, {@code exitCode} holds its status (non-zero is also an
 * error). {@code stdout}/{@code stderr} hold what the guest wrote when its output was captured
 * (null when it went elsewhere, e.g. to a terminal).
 */
public record ProcessResult(Object value, String error, Integer exitCode, String stdout, String stderr) {

    public static ProcessResult ofValue(Object value) {
        return new ProcessResult(value, null, null, null, null);
    }

    public static ProcessResult ofError(String error) {
        return new ProcessResult(null, error, null, null, null);
    }

    public static ProcessResult ofExit(int exitCode) {
        return new ProcessResult(null, exitCode == 0 ? null : "exit status " + exitCode, exitCode, null, null);
    }

    public boolean isError() {
        return error != null;
    }

    /** The same outcome with the captured output attached. */
    public ProcessResult withOutput(String stdout, String stderr) {
        return new ProcessResult(value, error, exitCode, stdout, stderr);
    }
}
