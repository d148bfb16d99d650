package ai.wippy.runtime.wasip2;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outgoing HTTP exchanges one guest has under way (from {@code handle} until its response body
 * has ended, failed or been dropped), at most {@link #LIMIT}: beyond it {@code handle} answers
 * {@code connection-limit-reached}, so a guest cannot flood the JVM's clients or a server.
 */
final class HttpBudget {

    static final int LIMIT = 16;
    private final AtomicInteger inFlight = new AtomicInteger();

    boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n >= LIMIT) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A release that runs at most once, for one exchange. */
    Runnable releaser() {
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.compareAndSet(0, 1)) {
                inFlight.decrementAndGet();
            }
        };
    }

    int inFlight() {
        return inFlight.get();
    }
}
