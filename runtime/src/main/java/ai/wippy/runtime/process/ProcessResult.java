package ai.wippy.runtime.process;

/**
 * How a process ended: a value, or an error message (SPEC §7 {@code result: {value, error}}). When
 * the guest called WASI {@code exit}, {@code exitCode} holds its status (non-zero is also an
 * error). {@code capturedStdout}/{@code capturedStderr} hold what was kept of the guest's output
 * when it was captured (null when it went elsewhere, e.g. to a terminal).
 */
public record ProcessResult(Object value, String error, Integer exitCode, CapturedText capturedStdout,
        CapturedText capturedStderr) {

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

    /** The kept stdout as text, with a note where something was left out; null when not captured. */
    public String stdout() {
        return capturedStdout == null ? null : capturedStdout.text();
    }

    /** The kept stderr as text, with a note where something was left out; null when not captured. */
    public String stderr() {
        return capturedStderr == null ? null : capturedStderr.text();
    }

    /** The same outcome with the captured output attached. */
    public ProcessResult withOutput(CapturedText stdout, CapturedText stderr) {
        return new ProcessResult(value, error, exitCode, stdout, stderr);
    }

    /** The same outcome with output that was kept whole. */
    public ProcessResult withOutput(String stdout, String stderr) {
        return withOutput(stdout == null ? null : CapturedText.complete(stdout),
                stderr == null ? null : CapturedText.complete(stderr));
    }
}
