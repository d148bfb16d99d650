package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code poll_oneoff}: clock subscriptions (relative or absolute, realtime or monotonic) and
 * read/write readiness of descriptors. Files and output streams are always ready; stdin is ready
 * when it has bytes. When nothing is ready the guest sleeps until the earliest clock, interruptibly
 * and inside the {@link WaitHook}, watching stdin meanwhile if it subscribed to it.
 */
final class Poller {

    private static final int EVENTTYPE_CLOCK = 0;
    private static final int EVENTTYPE_FD_READ = 1;
    private static final int EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCK_ABSTIME = 1;
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    /** How often a sleep with a stdin subscription looks at stdin again. */
    private static final long STDIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final WasiPreview1.FdTable fds;
    private final WasiOptions options;

    Poller(WasiPreview1.FdTable fds, WasiOptions options) {
        this.fds = fds;
        this.options = options;
    }

    private record Subscription(long userdata, int type, int clockId, long timeout, int flags, int fd) {
    }

    private record Event(long userdata, int error, int type, long nbytes) {
    }

    int poll(WasiMemory m, int in, int out, int count, int neventsPtr) throws IOException {
        if (count == 0) {
            return Errno.INVAL;
        }
        m.checkRange(in, Integer.toUnsignedLong(count) * SUBSCRIPTION_SIZE);
        m.checkRange(out, Integer.toUnsignedLong(count) * EVENT_SIZE);
        List<Subscription> subs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int at = in + k * SUBSCRIPTION_SIZE;
            int type = m.readU8(at + 8);
            if (type == EVENTTYPE_CLOCK) {
                subs.add(new Subscription(m.readI64(at), type, m.readI32(at + 16), m.readI64(at + 24),
                        m.readU16(at + 40), -1));
            } else if (type == EVENTTYPE_FD_READ || type == EVENTTYPE_FD_WRITE) {
                subs.add(new Subscription(m.readI64(at), type, 0, 0, 0, m.readI32(at + 16)));
            } else {
                return Errno.INVAL;
            }
        }
        long start = options.clock().monotonicNanos();
        long deadline = Long.MAX_VALUE;
        for (Subscription s : subs) {
            if (s.type == EVENTTYPE_CLOCK) {
                deadline = Math.min(deadline, deadlineOf(s, start));
            }
        }
        List<Event> events = ready(subs, start);
        if (events.isEmpty()) {
            boolean watchStdin = subs.stream().anyMatch(s -> s.type == EVENTTYPE_FD_READ && s.fd == 0);
            options.waitHook().beforeWait();
            try {
                while (events.isEmpty()) {
                    long now = options.clock().monotonicNanos();
                    long wait = deadline == Long.MAX_VALUE ? STDIN_POLL_NANOS : deadline - now;
                    if (watchStdin) {
                        wait = Math.min(wait, STDIN_POLL_NANOS);
                    }
                    if (wait > 0) {
                        sleep(wait);
                    }
                    events = ready(subs, start);
                }
            } finally {
                options.waitHook().afterWait();
            }
        }
        for (int k = 0; k < events.size(); k++) {
            Event e = events.get(k);
            int at = out + k * EVENT_SIZE;
            m.zero(at, EVENT_SIZE);
            m.writeI64(at, e.userdata);
            m.writeU16(at + 8, e.error);
            m.writeU8(at + 10, e.type);
            m.writeI64(at + 16, e.nbytes);
        }
        m.writeI32(neventsPtr, events.size());
        return Errno.SUCCESS;
    }

    private long deadlineOf(Subscription s, long startMonotonic) {
        if ((s.flags & SUBCLOCK_ABSTIME) == 0) {
            return saturatingAdd(startMonotonic, s.timeout);
        }
        if (s.clockId == WasiPreview1.CLOCK_REALTIME) {
            long remaining = s.timeout - options.clock().realtimeNanos();
            return saturatingAdd(startMonotonic, Math.max(0, remaining));
        }
        return s.timeout;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private List<Event> ready(List<Subscription> subs, long start) throws IOException {
        List<Event> events = new ArrayList<>();
        long now = options.clock().monotonicNanos();
        for (Subscription s : subs) {
            if (s.type == EVENTTYPE_CLOCK) {
                if (s.clockId < 0 || s.clockId > 3) {
                    events.add(new Event(s.userdata, Errno.INVAL, s.type, 0));
                } else if (now >= deadlineOf(s, start)) {
                    events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0));
                }
                continue;
            }
            Descriptor d;
            try {
                d = fds.get(s.fd);
            } catch (Errno.Failure f) {
                events.add(new Event(s.userdata, Errno.BADF, s.type, 0));
                continue;
            }
            if (d instanceof Descriptor.Stream stream) {
                if (s.type == EVENTTYPE_FD_READ && stream.in != null) {
                    int available = stream.in.available();
                    if (available > 0) {
                        events.add(new Event(s.userdata, Errno.SUCCESS, s.type, available));
                    }
                } else if (s.type == EVENTTYPE_FD_WRITE && stream.out != null) {
                    events.add(new Event(s.userdata, Errno.SUCCESS, s.type, 0));
                } else {
                    events.add(new Event(s.userdata, Errno.BADF, s.type, 0));
                }
            } else if (d instanceof Descriptor.File f) {
                long remaining = s.type == EVENTTYPE_FD_READ ? Math.max(0, f.channel.size() - f.channel.position()) : 0;
                events.add(new Event(s.userdata, Errno.SUCCESS, s.type, remaining));
            } else {
                events.add(new Event(s.userdata, Errno.BADF, s.type, 0));
            }
        }
        return events;
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestInterruptedException();
        }
    }
}
