package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poll_oneoff: clocks, fd readiness, several subscriptions, interruption, the wait hook. */
class WasiPollTest implements Witx {

    /** Writes a clock subscription; returns its address. */
    private static int clockSub(Guest g, int at, long userdata, int clockId, long timeout, boolean absolute) {
        g.memory().writeLong(at, userdata);
        g.memory().writeByte(at + 8, (byte) 0);
        g.memory().writeI32(at + 16, clockId);
        g.memory().writeLong(at + 24, timeout);
        g.memory().writeLong(at + 32, 0);
        g.memory().writeShort(at + 40, (short) (absolute ? 1 : 0));
        return at;
    }

    private static void fdSub(Guest g, int at, long userdata, int type, int fd) {
        g.memory().writeLong(at, userdata);
        g.memory().writeByte(at + 8, (byte) type);
        g.memory().writeI32(at + 16, fd);
    }

    @Test
    void relativeSleepLastsAtLeastTheRequestedTime() {
        try (Guest g = Guest.probe(WasiOptions.builder())) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            int n = g.alloc(4);
            clockSub(g, in, 77, 1, 150_000_000L, false);
            long start = System.nanoTime();
            assertThat(g.call("poll_oneoff", in, out, 1, n)).isEqualTo(ESUCCESS);
            long elapsed = System.nanoTime() - start;
            assertThat(elapsed).isGreaterThanOrEqualTo(150_000_000L).isLessThan(2_000_000_000L);
            assertThat(g.i32(n)).isEqualTo(1);
            assertThat(g.i64(out)).isEqualTo(77);
            assertThat(g.u16(out + 8)).isZero();
            assertThat(g.u8(out + 10)).isZero();
        }
    }

    @Test
    void absoluteDeadlinesUseTheChosenClock() {
        try (Guest g = Guest.probe(WasiOptions.builder())) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            int n = g.alloc(4);
            int now = g.alloc(8);
            g.call("clock_time_get", 0, 1, now);
            clockSub(g, in, 1, 0, g.i64(now) + 100_000_000L, true);
            long start = System.nanoTime();
            assertThat(g.call("poll_oneoff", in, out, 1, n)).isEqualTo(ESUCCESS);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(90_000_000L);
            // a deadline in the past is due at once
            clockSub(g, in, 2, 1, 0, true);
            start = System.nanoTime();
            assertThat(g.call("poll_oneoff", in, out, 1, n)).isEqualTo(ESUCCESS);
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
            assertThat(g.i64(out)).isEqualTo(2);
        }
    }

    @Test
    void readyDescriptorsAreReportedTogetherAndBeforeClocks(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("f"), "12345");
        try (Guest g = Guest.probe(WasiOptions.builder().mounts(List.of(new WasiMount("/d", tmp, false))))) {
            int fd = g.open(3, "f", 0, READ_ONLY, 0);
            int in = g.alloc(48 * 4);
            int out = g.alloc(32 * 4);
            int n = g.alloc(4);
            clockSub(g, in, 10, 1, 60_000_000_000L, false);
            fdSub(g, in + 48, 11, 1, fd);
            fdSub(g, in + 96, 12, 2, 1);
            fdSub(g, in + 144, 13, 1, 99);
            long start = System.nanoTime();
            assertThat(g.call("poll_oneoff", in, out, 4, n)).isEqualTo(ESUCCESS);
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
            assertThat(g.i32(n)).isEqualTo(3);
            assertThat(g.i64(out)).isEqualTo(11);
            assertThat(g.u8(out + 10)).isEqualTo(1);
            assertThat(g.i64(out + 16)).isEqualTo(5);
            assertThat(g.i64(out + 32)).isEqualTo(12);
            assertThat(g.u8(out + 42)).isEqualTo(2);
            assertThat(g.i64(out + 64)).isEqualTo(13);
            assertThat(g.u16(out + 72)).isEqualTo(EBADF);
            assertThat(g.call("poll_oneoff", in, out, 0, n)).isEqualTo(EINVAL);
        }
    }

    @Test
    void stdinBecomesReadableWhenDataArrives() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed);
        try (Guest g = Guest.probe(WasiOptions.builder().stdin(stdin))) {
            int in = g.alloc(96);
            int out = g.alloc(64);
            int n = g.alloc(4);
            fdSub(g, in, 5, 1, 0);
            clockSub(g, in + 48, 6, 1, 50_000_000L, false);
            assertThat(g.call("poll_oneoff", in, out, 2, n)).isEqualTo(ESUCCESS);
            assertThat(g.i64(out)).as("nothing to read yet: the clock fires").isEqualTo(6);
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    feed.write("hi".getBytes());
                    feed.flush();
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(g.call("poll_oneoff", in, out, 1, n)).isEqualTo(ESUCCESS);
            assertThat(g.i64(out)).isEqualTo(5);
            assertThat(g.i64(out + 16)).isEqualTo(2);
            assertThat(g.read(0, 10)).isEqualTo("hi");
        }
    }

    @Test
    void aLongSleepStopsPromptlyWhenTheThreadIsInterrupted() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger resumes = new AtomicInteger();
        WaitHook hook = new WaitHook() {
            @Override
            public void beforeWait() {
                waits.incrementAndGet();
            }

            @Override
            public void afterWait() {
                resumes.incrementAndGet();
            }
        };
        try (Guest g = Guest.probe(WasiOptions.builder().waitHook(hook))) {
            int in = g.alloc(48);
            int out = g.alloc(32);
            int n = g.alloc(4);
            clockSub(g, in, 1, 1, 60_000_000_000L, false);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    g.instance.export("poll_oneoff").apply(in, out, 1, n);
                } catch (Throwable e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            t.start();
            long waitStart = System.nanoTime();
            while (waits.get() == 0 && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            long interruptedAt = System.nanoTime();
            t.interrupt();
            t.join(5_000);
            long stopMillis = (System.nanoTime() - interruptedAt) / 1_000_000;
            assertThat(t.isAlive()).isFalse();
            assertThat(stopMillis).isLessThan(100);
            assertThat(thrown.get()).isInstanceOf(GuestInterruptedException.class)
                    .hasMessage("guest interrupted while waiting");
            assertThat(flagAfter.get()).isTrue();
            assertThat(waits.get()).isEqualTo(1);
            assertThat(resumes.get()).isEqualTo(1);
        }
    }

    @Test
    void aBlockingStdinReadIsInterruptible() throws Exception {
        PipedInputStream stdin = new PipedInputStream(new PipedOutputStream());
        try (Guest g = Guest.probe(WasiOptions.builder().stdin(stdin))) {
            int buf = g.alloc(8);
            int iov = g.put(new byte[8]);
            g.memory().writeI32(iov, buf);
            g.memory().writeI32(iov + 4, 8);
            int n = g.alloc(4);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    g.instance.export("fd_read").apply(0, iov, 1, n);
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            Thread.sleep(200);
            assertThat(t.isAlive()).isTrue();
            t.interrupt();
            t.join(5_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(GuestInterruptedException.class);
        }
    }
}
