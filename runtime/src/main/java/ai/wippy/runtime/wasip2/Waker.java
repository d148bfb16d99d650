package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wasi.GuestInterruptedException;
import ai.wippy.runtime.wasi.WaitHook;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * How the guest thread of one execution waits for pollables: it parks (a virtual thread then holds
 * no carrier: no monitor is held, nothing is pinned) until a source calls {@link #wake}, the first
 * timer fires, or the thread is interrupted (the process's deadline, terminate). A wake that comes
 * between the guest's last look and its park is not lost: {@link LockSupport#unpark} before
 * {@code park} makes the park return at once.
 */
final class Waker {

    private final WaitHook hook;
    private volatile Thread waiting;

    Waker(WaitHook hook) {
        this.hook = hook;
    }

    /** Something a pollable depends on changed (called from any thread). */
    void wake() {
        Thread t = waiting;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The indexes of the pollables that are ready, waiting until at least one is (wasi:io/poll's
     * {@code poll}: never an empty answer).
     */
    int[] poll(List<Pollable> pollables) {
        while (true) {
            int[] ready = readyOnes(pollables);
            if (ready.length > 0) {
                return ready;
            }
            long deadline = Long.MAX_VALUE;
            for (Pollable p : pollables) {
                deadline = Math.min(deadline, p.readyAtNanos());
            }
            park(deadline, () -> readyOnes(pollables).length > 0);
        }
    }

    /** Waits until {@code p} is ready. */
    void block(Pollable p) {
        while (!p.ready()) {
            park(p.readyAtNanos(), p::ready);
        }
    }

    private static int[] readyOnes(List<Pollable> pollables) {
        int n = 0;
        int[] out = new int[pollables.size()];
        for (int i = 0; i < pollables.size(); i++) {
            if (pollables.get(i).ready()) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** One wait: until woken, the deadline, or interruption; {@code done} is checked after registering. */
    private void park(long deadlineNanos, java.util.function.BooleanSupplier done) {
        if (Thread.currentThread().isInterrupted()) {
            throw new GuestInterruptedException();
        }
        hook.beforeWait();
        try {
            waiting = Thread.currentThread();
            if (done.getAsBoolean()) {
                return; // it became ready while we registered
            }
            if (deadlineNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                }
            }
        } finally {
            waiting = null;
            hook.afterWait();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new GuestInterruptedException();
        }
    }
}
