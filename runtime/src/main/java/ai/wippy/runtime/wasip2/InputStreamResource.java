package ai.wippy.runtime.wasip2;

/**
 * The host side of a wasi:io/streams {@code input-stream}: reads never block here (the interface
 * blocks by waiting for {@link #readable}).
 */
abstract class InputStreamResource implements AutoCloseable {

    /** Up to {@code max} bytes there now: empty when none are yet; {@link StreamError} when closed or failed. */
    abstract byte[] read(int max);

    /** Ready when {@link #read} would return bytes or fail. */
    abstract Pollable readable();

    @Override
    public void close() {
    }
}
