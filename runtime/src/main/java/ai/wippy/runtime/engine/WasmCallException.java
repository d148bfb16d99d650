package ai.wippy.runtime.engine;

/**
 * A guest call that did not return a value: a trap, an interruption (timeout or termination), a
 * WASI exit, a bad argument, a missing export, a link failure. The message is the cause only; the
 * process layer prefixes {@code failed to call wasm method: <method>: }.
 */
public final class WasmCallException extends RuntimeException {

    public enum Reason {
        TRAP, INTERRUPTED, EXIT, ARGUMENT, EXPORT_NOT_FOUND, LINK, STACK_EXHAUSTED, OUT_OF_MEMORY
    }

    private final Reason reason;
    private final int exitCode;
    private String wasmStack = "";

    public WasmCallException(Reason reason, String message) {
        this(reason, message, null);
    }

    public WasmCallException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.exitCode = -1;
    }

    private WasmCallException(int exitCode) {
        super("exit status " + exitCode);
        this.reason = Reason.EXIT;
        this.exitCode = exitCode;
    }

    public static WasmCallException exit(int code) {
        return new WasmCallException(code);
    }

    public Reason reason() {
        return reason;
    }

    /** The WASM frames of a trap, innermost first, one per line (empty when unknown). */
    public String wasmStack() {
        return wasmStack;
    }

    WasmCallException withWasmStack(String stack) {
        this.wasmStack = stack;
        return this;
    }

    /** The WASI exit status when {@link #reason()} is {@link Reason#EXIT}. */
    public int exitCode() {
        return exitCode;
    }
}
