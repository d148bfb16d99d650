package ai.wippy.runtime.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Arguments, environment, clocks and randomness: the process-level calls of WASI preview 1. */
final class ProcessCalls {

    private final List<byte[]> arguments;
    private final List<byte[]> environment;
    private final WasiClock clock;
    private final Random random;

    ProcessCalls(WasiOptions options) {
        this.arguments = cStrings(options.arguments());
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : options.environment()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        this.environment = cStrings(env);
        this.clock = options.clock();
        this.random = options.random();
    }

    private static List<byte[]> cStrings(List<String> strings) {
        List<byte[]> out = new ArrayList<>();
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] c = new byte[utf8.length + 1];
            System.arraycopy(utf8, 0, c, 0, utf8.length);
            out.add(c);
        }
        return List.copyOf(out);
    }

    void argsSizesGet(GuestMemory mem, int countPtr, int sizePtr) {
        sizes(mem, arguments, countPtr, sizePtr);
    }

    void argsGet(GuestMemory mem, int pointersPtr, int bufferPtr) {
        strings(mem, arguments, pointersPtr, bufferPtr);
    }

    void environSizesGet(GuestMemory mem, int countPtr, int sizePtr) {
        sizes(mem, environment, countPtr, sizePtr);
    }

    void environGet(GuestMemory mem, int pointersPtr, int bufferPtr) {
        strings(mem, environment, pointersPtr, bufferPtr);
    }

    private static void sizes(GuestMemory mem, List<byte[]> values, int countPtr, int sizePtr) {
        long size = 0;
        for (byte[] v : values) {
            size += v.length;
        }
        mem.check(countPtr, 4);
        mem.check(sizePtr, 4);
        mem.writeI32(countPtr, values.size());
        mem.writeI32(sizePtr, (int) size);
    }

    private static void strings(GuestMemory mem, List<byte[]> values, int pointersPtr, int bufferPtr) {
        long size = 0;
        for (byte[] v : values) {
            size += v.length;
        }
        mem.check(pointersPtr, 4L * values.size());
        mem.check(bufferPtr, size);
        long at = 0;
        for (int i = 0; i < values.size(); i++) {
            int ptr = GuestMemory.offset(bufferPtr, at);
            mem.writeI32(GuestMemory.offset(pointersPtr, 4L * i), ptr);
            mem.write(ptr, values.get(i));
            at += values.get(i).length;
        }
    }

    void clockResGet(GuestMemory mem, int id, int ptr) {
        long resolution = switch (id) {
            case WasiAbi.CLOCK_REALTIME -> 1_000;
            case WasiAbi.CLOCK_MONOTONIC -> 1;
            case WasiAbi.CLOCK_PROCESS_CPUTIME, WasiAbi.CLOCK_THREAD_CPUTIME -> {
                threadCpu();
                yield 1_000;
            }
            default -> throw new WasiError(Errno.INVAL);
        };
        mem.writeI64(ptr, resolution);
    }

    void clockTimeGet(GuestMemory mem, int id, int ptr) {
        long time = switch (id) {
            case WasiAbi.CLOCK_REALTIME -> clock.realtimeNanos();
            case WasiAbi.CLOCK_MONOTONIC -> clock.monotonicNanos();
            // The guest runs on one thread, so its CPU time is both its process and thread time.
            case WasiAbi.CLOCK_PROCESS_CPUTIME, WasiAbi.CLOCK_THREAD_CPUTIME -> threadCpu().getCurrentThreadCpuTime();
            default -> throw new WasiError(Errno.INVAL);
        };
        mem.writeI64(ptr, time);
    }

    private static ThreadMXBean threadCpu() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            throw new WasiError(Errno.NOTSUP);
        }
        return bean;
    }

    /**
     * Fills the whole buffer, as {@code random_get} must (it has no count to return short), in
     * {@link IoVectors#CHUNK} pieces: a stopped process (deadline, terminate) ends even a 4 GiB
     * request between two pieces, and the host never holds more than one piece.
     */
    void randomGet(GuestMemory mem, int ptr, int len) {
        long n = Integer.toUnsignedLong(len);
        mem.check(ptr, n);
        byte[] chunk = new byte[(int) Math.min(n, IoVectors.CHUNK)];
        for (long done = 0; done < n; done += chunk.length) {
            GuestInterruptedException.throwIfInterrupted();
            int part = (int) Math.min(chunk.length, n - done);
            byte[] bytes = part == chunk.length ? chunk : new byte[part];
            random.nextBytes(bytes);
            mem.write(GuestMemory.offset(ptr, done), bytes);
        }
    }
}
