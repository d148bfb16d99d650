package ai.wippy.runtime.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Creates the threads processes run on: virtual threads when the JVM has them (Java 21+), so that
 * a waiting guest parks without holding a platform thread; platform threads with a large stack on
 * Java 17. The runtime is compiled for Java 17, so the Java 21 API is reached reflectively, once.
 */
public final class ProcessThreads {

    /** Stack for platform threads: deep guest recursion runs out of it long before the JVM suffers. */
    static final long PLATFORM_STACK_BYTES = 16L * 1024 * 1024;

    private static final MethodHandle OF_VIRTUAL = findOfVirtual();

    private final boolean virtual;

    private ProcessThreads(boolean virtual) {
        this.virtual = virtual;
    }

    /** Virtual threads when available, else platform threads. */
    public static ProcessThreads best() {
        return new ProcessThreads(OF_VIRTUAL != null);
    }

    /** Platform threads even where virtual threads exist (for comparisons and benchmarks). */
    public static ProcessThreads platform() {
        return new ProcessThreads(false);
    }

    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    public boolean isVirtual() {
        return virtual;
    }

    /** An unstarted thread running {@code task}. */
    Thread newThread(String name, Runnable task) {
        if (virtual) {
            try {
                Object builder = OF_VIRTUAL.invoke();
                return (Thread) VirtualBuilder.UNSTARTED.invoke(VirtualBuilder.NAME.invoke(builder, name), task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }
        Thread t = new Thread(null, task, name, PLATFORM_STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    private static MethodHandle findOfVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Handles on {@code Thread.Builder}, looked up only when virtual threads exist. */
    private static final class VirtualBuilder {
        static final MethodHandle NAME;
        static final MethodHandle UNSTARTED;

        static {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                NAME = MethodHandles.publicLookup().findVirtual(builder, "name",
                        MethodType.methodType(builder, String.class));
                UNSTARTED = MethodHandles.publicLookup().findVirtual(builder, "unstarted",
                        MethodType.methodType(Thread.class, Runnable.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
