package ai.wippy.runtime.fs;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Host file descriptors that guests may hold, JVM-wide. The process has {@code RLIMIT_NOFILE}
 * descriptors in all; Maven, the JVM and the compiler need some of them, so guests get what is left
 * after a reserve, and each guest at most a share of that ({@link #perGuest}): one guest hoarding
 * files gets EMFILE itself instead of making every other guest (or the build) fail.
 */
public final class DescriptorBudget {

    /** Descriptors never handed to guests: a quarter of the limit, at least 256. */
    static int reserveFor(long limit) {
        return (int) Math.max(256, limit / 4);
    }

    private static final DescriptorBudget JVM = new DescriptorBudget(processLimit());

    private final int total;
    private final int perGuest;
    private final AtomicInteger held = new AtomicInteger();

    DescriptorBudget(long processLimit) {
        long available = Math.max(0, processLimit - reserveFor(processLimit));
        this.total = (int) Math.min(Integer.MAX_VALUE, Math.max(16, available));
        // Each guest may hold a quarter of what guests share, between 32 and 4096 (WASI programs rarely
        // need more than a few dozen); with 1024 descriptors in all that is 192 per guest.
        this.perGuest = (int) Math.max(32, Math.min(4096, total / 4));
    }

    /** A budget for a process allowed {@code processLimit} descriptors (tests and embedders). */
    public static DescriptorBudget forLimit(long processLimit) {
        return new DescriptorBudget(processLimit);
    }

    /** The budget of this JVM. */
    public static DescriptorBudget jvm() {
        return JVM;
    }

    /** Descriptors one guest may hold open at once (its EMFILE limit). */
    public int perGuest() {
        return perGuest;
    }

    /** Descriptors all guests together may hold. */
    public int total() {
        return total;
    }

    /** Takes one descriptor, or fails with ENFILE when guests together hold the whole budget. */
    void acquire() {
        if (held.incrementAndGet() > total) {
            held.decrementAndGet();
            throw new FsException(FsError.NFILE);
        }
    }

    void release() {
        held.decrementAndGet();
    }

    int held() {
        return held.get();
    }

    /** {@code RLIMIT_NOFILE} as the JVM sees it (the JVM raises the soft limit to the hard one itself). */
    private static long processLimit() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                long max = unix.getMaxFileDescriptorCount();
                if (max > 0) {
                    return max;
                }
            }
        } catch (LinkageError e) {
            // not a JDK with the com.sun.management extensions: assume the common default
        }
        return 1024;
    }
}
