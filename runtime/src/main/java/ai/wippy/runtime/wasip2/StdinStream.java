package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wasi.StdinPump;

/** The guest's stdin as an input-stream, over the pump that makes waiting for it interruptible. */
final class StdinStream extends InputStreamResource {

    private final StdinPump pump;
    private final Pollable readable;

    StdinStream(StdinPump pump) {
        this.pump = pump;
        this.readable = pump::readable;
    }

    @Override
    byte[] read(int max) {
        if (max == 0) {
            if (pump.atEnd()) {
                throw StreamError.closed();
            }
            return new byte[0];
        }
        byte[] buf = new byte[Math.min(max, 64 * 1024)];
        int n = pump.readNow(buf, 0, buf.length);
        if (n == 0) {
            if (pump.atEnd()) {
                throw StreamError.closed();
            }
            return new byte[0];
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    @Override
    Pollable readable() {
        return readable;
    }
}
