package ai.wippy.runtime.wasip2;

/**
 * The host side of a wasi:io/streams {@code output-stream}. It keeps the permit of the last
 * {@code check-write}, because a write beyond it must trap (streams.wit), whatever the sink could take.
 */
abstract class OutputStreamResource implements AutoCloseable {

    private long permit;

    /** Bytes the sink takes now without blocking (0 when it cannot); {@link StreamError} when closed or failed. */
    protected abstract long writable();

    /** Writes all of {@code bytes} (never more than {@link #writable} allowed). */
    protected abstract void put(byte[] bytes, int off, int len);

    protected abstract void flushNow();

    /** Ready when {@link #writable} would be above 0 or fail. */
    abstract Pollable ready();

    final long checkWrite() {
        permit = writable();
        return permit;
    }

    final void write(byte[] bytes, int off, int len) {
        if (len > permit) {
            throw new WasiTrap("write of " + len + " bytes exceeds the " + permit + " that check-write permitted");
        }
        permit -= len;
        put(bytes, off, len);
    }

    /** {@code write-zeroes}: as {@link #write} of {@code n} zero bytes, with the same permit rule. */
    final void writeZeroes(long n) {
        if (n < 0 || n > permit) {
            throw new WasiTrap("write of " + Long.toUnsignedString(n) + " zero bytes exceeds the " + permit
                    + " that check-write permitted");
        }
        permit -= n;
        byte[] zeroes = new byte[(int) Math.min(n, 64 * 1024)];
        for (long done = 0; done < n; done += zeroes.length) {
            put(zeroes, 0, (int) Math.min(zeroes.length, n - done));
        }
    }

    final void flush() {
        flushNow();
    }

    @Override
    public void close() {
    }
}
