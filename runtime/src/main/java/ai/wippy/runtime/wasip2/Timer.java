package ai.wippy.runtime.wasip2;

/** A pollable that is ready from a point in {@link System#nanoTime} on (monotonic-clock subscriptions). */
record Timer(long atNanos) implements Pollable {

    /** Ready after {@code nanos} from now; an unsigned duration beyond Long.MAX_VALUE never comes. */
    static Timer after(long nanos) {
        long now = System.nanoTime();
        if (nanos < 0 || now + nanos < now) {
            return new Timer(Long.MAX_VALUE);
        }
        return new Timer(now + nanos);
    }

    @Override
    public boolean ready() {
        return atNanos != Long.MAX_VALUE && System.nanoTime() - atNanos >= 0;
    }

    @Override
    public long readyAtNanos() {
        return atNanos;
    }
}
