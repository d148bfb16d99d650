package ai.wippy.runtime.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where processes run: on Java 21+ each on a new virtual thread, so a waiting guest parks without
 * holding a platform thread; on Java 17 on pooled platform threads with a large stack (a waiting
 * guest then holds its thread, the best Java 17 can do; pooling keeps spawning cheap). The runtime
 * is compiled for Java 17, so the Java 21 API is reached reflectively, once.
 */
public final class ProcessThreads {

    /** Stack of platform threads: deep guest recursion ends in a trap long before the JVM suffers. */
    static final long PLATFORM_STACK_BYTES = 16L * 1024 * 1024;

    private static final ThreadFactory VIRTUAL = virtualThreadFactory("wippy-process-");
    private static final ThreadFactory VIRTUAL_IO = virtualThreadFactory("wippy-io-");
    private static final AtomicLong IO_THREADS = new AtomicLong();

    private final boolean virtual;
    private final ExecutorService platformPool;

    private ProcessThreads(boolean virtual) {
        this.virtual = virtual;
        this.platformPool = virtual ? null : platformPool();
    }

    /** Virtual threads when available, else pooled platform threads. */
    public static ProcessThreads best() {
        return new ProcessThreads(VIRTUAL != null);
    }

    /** Platform threads even where virtual threads exist (for comparisons and benchmarks). */
    public static ProcessThreads platform() {
        return new ProcessThreads(false);
    }

    public static boolean virtualThreadsAvailable() {
        return VIRTUAL != null;
    }

    public boolean isVirtual() {
        return virtual;
    }

    /** Runs {@code task} on a thread of its own (virtual) or a pooled one (platform). */
    void start(Runnable task) {
        if (virtual) {
            VIRTUAL.newThread(task).start();
        } else {
            platformPool.execute(task);
        }
    }

    /**
     * Runs {@code task}, the host's side of some blocking I/O a guest waits for (an HTTP exchange),
     * on a thread of its own: virtual on Java 21+, else a daemon platform thread named {@code name}.
     */
    public static void startIo(String name, Runnable task) {
        if (VIRTUAL_IO != null) {
            VIRTUAL_IO.newThread(task).start();
        } else {
            Thread t = new Thread(task, name + "-" + IO_THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private static ExecutorService platformPool() {
        AtomicLong count = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(null, r, "wippy-process-" + count.incrementAndGet(), PLATFORM_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}, or null before Java 21. */
    private static ThreadFactory virtualThreadFactory(String prefix) {
        try {
            var lookup = MethodHandles.publicLookup();
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            builder = lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class))
                    .invoke(builder, prefix, 1L);
            return (ThreadFactory) lookup.findVirtual(ofVirtual, "factory", MethodType.methodType(ThreadFactory.class))
                    .invoke(builder);
        } catch (Throwable e) {
            return null;
        }
    }
}
