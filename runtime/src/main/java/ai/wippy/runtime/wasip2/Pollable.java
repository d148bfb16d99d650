package ai.wippy.runtime.wasip2;

/**
 * What a guest can wait for (wasi:io/poll's pollable): a timer, a stream with data or room, a
 * socket. A source whose state changes from another thread (stdin's pump, a socket) calls the
 * execution's {@link Waker} so a waiting guest looks again; timers say when they fire instead.
 */
interface Pollable {

    boolean ready();

    /** The {@link System#nanoTime} by which this is ready anyway, or {@link Long#MAX_VALUE}. */
    default long readyAtNanos() {
        return Long.MAX_VALUE;
    }

    /** Always ready (a file, a stream that never waits). */
    Pollable READY = () -> true;
}
