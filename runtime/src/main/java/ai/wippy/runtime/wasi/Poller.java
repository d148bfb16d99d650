package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.FsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code poll_oneoff}: waits until at least one subscription (clock or fd readiness) has an
 * event, then reports every subscription that has one. Regular files and output streams are
 * always ready; stdin is ready when data or end of input is there. Waits are interruptible and run
 * inside the {@link WaitHook}.
 */
final class Poller {

    private final DescriptorTable fds;
    private final WasiClock clock;
    private final WaitHook waitHook;

    Poller(DescriptorTable fds, WasiClock clock, WaitHook waitHook) {
        this.fds = fds;
        this.clock = clock;
        this.waitHook = waitHook;
    }

    private record Subscription(long userdata, int type, long deadline, int fd, int error) {
    }

    private record Event(long userdata, int error, int type, long nbytes, int flags) {
    }

    /** Returns the number of events written to {@code out}. */
    int poll(GuestMemory mem, int in, int out, int count) {
        if (count == 0) {
            throw new WasiError(Errno.INVAL);
        }
        long n = Integer.toUnsignedLong(count);
        mem.check(in, n * WasiAbi.SUBSCRIPTION_SIZE);
        mem.check(out, n * WasiAbi.EVENT_SIZE);
        long start = System.nanoTime();
        List<Subscription> subs = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            subs.add(parse(mem, GuestMemory.offset(in, i * WasiAbi.SUBSCRIPTION_SIZE), start));
        }
        while (true) {
            List<Event> events = new ArrayList<>();
            long now = System.nanoTime();
            long nearestDeadline = Long.MAX_VALUE;
            StdinPump pendingStdin = null;
            for (Subscription s : subs) {
                if (s.error() != 0) {
                    events.add(new Event(s.userdata(), s.error(), s.type(), 0, 0));
                } else if (s.type() == WasiAbi.EVENTTYPE_CLOCK) {
                    if (now - s.deadline() >= 0) {
                        events.add(new Event(s.userdata(), 0, s.type(), 0, 0));
                    } else {
                        nearestDeadline = Math.min(nearestDeadline, s.deadline() - now);
                    }
                } else {
                    Event ready = fdEvent(s);
                    if (ready != null) {
                        events.add(ready);
                    } else {
                        pendingStdin = ((StreamDescriptor) fds.get(s.fd())).input();
                    }
                }
            }
            if (!events.isEmpty()) {
                for (int i = 0; i < events.size(); i++) {
                    write(mem, GuestMemory.offset(out, (long) i * WasiAbi.EVENT_SIZE), events.get(i));
                }
                return events.size();
            }
            await(pendingStdin, nearestDeadline);
        }
    }

    private Subscription parse(GuestMemory mem, int at, long start) {
        long userdata = mem.readI64(at);
        int type = mem.readU8(at + 8);
        switch (type) {
            case WasiAbi.EVENTTYPE_CLOCK -> {
                int id = mem.readI32(at + 16);
                long timeout = mem.readI64(at + 24);
                int flags = mem.readU16(at + 40);
                boolean absolute = (flags & WasiAbi.SUBCLOCK_ABSTIME) != 0;
                long wait;
                switch (id) {
                    case WasiAbi.CLOCK_REALTIME -> wait = absolute ? timeout - clock.realtimeNanos() : timeout;
                    case WasiAbi.CLOCK_MONOTONIC -> wait = absolute ? timeout - clock.monotonicNanos() : timeout;
                    default -> {
                        return new Subscription(userdata, type, 0, -1, Errno.INVAL);
                    }
                }
                // Timeouts are u64; anything beyond ~292 years is "forever".
                if (!absolute && wait < 0) {
                    wait = Long.MAX_VALUE / 2;
                }
                long deadline = start + Math.max(0, Math.min(wait, Long.MAX_VALUE / 2));
                return new Subscription(userdata, type, deadline, -1, 0);
            }
            case WasiAbi.EVENTTYPE_FD_READ, WasiAbi.EVENTTYPE_FD_WRITE -> {
                int fd = mem.readI32(at + 16);
                return new Subscription(userdata, type, 0, fd, fdError(fd, type));
            }
            default -> {
                return new Subscription(userdata, type, 0, -1, Errno.INVAL);
            }
        }
    }

    private int fdError(int fd, int type) {
        Descriptor d;
        try {
            d = fds.get(fd);
            d.require(Rights.POLL_FD_READWRITE);
        } catch (WasiError e) {
            return e.errno();
        }
        if (d instanceof DirectoryDescriptor) {
            return Errno.BADF;
        }
        if (d instanceof StreamDescriptor s && s.isInput() != (type == WasiAbi.EVENTTYPE_FD_READ)) {
            return Errno.BADF;
        }
        return 0;
    }

    /** The event of a ready fd subscription, or null when it is stdin without data yet. */
    private Event fdEvent(Subscription s) {
        Descriptor d = fds.get(s.fd());
        if (d instanceof StreamDescriptor stream) {
            if (!stream.isInput()) {
                return new Event(s.userdata(), 0, s.type(), 0, 0);
            }
            StdinPump in = stream.input();
            if (!in.readable()) {
                return null;
            }
            return in.atEnd()
                    ? new Event(s.userdata(), 0, s.type(), 0, WasiAbi.EVENTRW_HANGUP)
                    : new Event(s.userdata(), 0, s.type(), in.buffered(), 0);
        }
        FileDescriptor f = (FileDescriptor) d;
        long nbytes = 0;
        if (s.type() == WasiAbi.EVENTTYPE_FD_READ) {
            try {
                nbytes = Math.max(0, f.file().size() - f.file().position());
            } catch (FsException e) {
                return new Event(s.userdata(), HostErrors.errnoOf(e.error()), s.type(), 0, 0);
            }
        }
        return new Event(s.userdata(), 0, s.type(), nbytes, 0);
    }

    private void await(StdinPump stdin, long nanos) {
        nanos = Math.min(nanos, Long.MAX_VALUE / 4);
        waitHook.beforeWait();
        try {
            if (stdin != null) {
                stdin.awaitReadable(nanos);
            } else {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestInterruptedException();
        } finally {
            waitHook.afterWait();
        }
    }

    private static void write(GuestMemory mem, int at, Event e) {
        mem.writeI64(at, e.userdata());
        mem.writeI64(at + 8, 0);
        mem.writeU16(at + 8, e.error());
        mem.writeU8(at + 10, e.type());
        mem.writeI64(at + 16, e.nbytes());
        mem.writeI64(at + 24, 0);
        mem.writeU16(at + 24, e.flags());
    }
}
