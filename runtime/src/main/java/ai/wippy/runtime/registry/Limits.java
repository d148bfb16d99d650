package ai.wippy.runtime.registry;

/**
 * Execution limits of a WASM entry. {@code maxExecutionMs} 0 means none; {@code memoryBytes} 0
 * means the engine default.
 */
public record Limits(long maxExecutionMs, long memoryBytes) {

    public static final Limits NONE = new Limits(0, 0);
}
