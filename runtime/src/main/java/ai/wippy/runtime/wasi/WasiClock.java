package ai.wippy.runtime.wasi;

/** The guest's clocks: wall-clock time since the epoch and a monotonic time, in nanoseconds. */
public interface WasiClock {

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

    long realtimeNanos();

    long monotonicNanos();
}
