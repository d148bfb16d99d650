package ai.wippy.runtime.wasi;

/** The clocks the guest reads. Monotonic time only needs to be monotonic, not related to realtime. */
public interface WasiClock {

    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    long realtimeNanos();

    /** Nanoseconds since an arbitrary fixed origin. */
    long monotonicNanos();

    WasiClock SYSTEM = new WasiClock() {
        @Override
        public long realtimeNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }
    };
}
