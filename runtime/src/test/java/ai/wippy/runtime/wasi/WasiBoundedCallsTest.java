package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One host call is bounded work (issue 7, item A), on the {@code flood} fixture: a huge
 * {@code fd_write} to stdout is a short write read from guest memory in pieces, and a stopped
 * process ends a long {@code fd_write} or {@code random_get} between two pieces instead of when
 * the whole request is done.
 */
class WasiBoundedCallsTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void oneFdWriteTakesAtMostOneMebibyteReadInPiecesFromGuestMemory() {
        RecordingStream sink = new RecordingStream();
        Instance flood = flood(sink, new Random());
        long written = flood.export("write_once").apply(1, 64 * MIB)[0];
        assertThat(written).isEqualTo(StreamDescriptor.MAX_WRITE).isEqualTo(MIB);
        assertThat(sink.bytes.get()).isEqualTo(MIB);
        // never a copy of the whole guest buffer: the stream gets 64 KiB pieces
        assertThat(sink.largestWrite.get()).isEqualTo(IoVectors.CHUNK);
    }

    @Test
    void oneFdWriteTakesAtMost1024IovecsAsLinuxDoes() {
        // a million one-byte iovecs: before, a million host objects and a million-byte write in one call
        RecordingStream sink = new RecordingStream();
        Instance flood = flood(sink, new Random());
        assertThat(flood.export("write_iovecs").apply(1, 1_000_000)[0]).isEqualTo(IoVectors.MAX_BUFFERS).isEqualTo(1024);
        assertThat(sink.bytes.get()).isEqualTo(1024);
    }

    @Test
    void aHugeStdinReadIsAShortRead() {
        WasiPreview1 wasi = new WasiPreview1(WasiOptions.builder().stdin(new java.io.ByteArrayInputStream(new byte[10 * MIB]))
                .stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream()).build());
        Instance flood = Instance.builder(Parser.parse(Fixtures.bytes("flood")))
                .withImportValues(ImportValues.builder().addFunction(wasi.hostFunctions().toArray(new HostFunction[0])).build())
                .build();
        assertThat(flood.export("read_once").apply(64 * MIB)[0]).isBetween(1L, (long) IoVectors.CHUNK);
    }

    @Test
    void shortWritesAddUpToTheWholeBufferForAGuestThatLoopsAsLibcDoes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instance flood = flood(out, new Random());
        assertThat(flood.export("write_all").apply(1, 5 * MIB + 3)[0]).isZero();
        byte[] all = out.toByteArray();
        assertThat(all).hasSize(5 * MIB + 3);
        for (byte b : all) {
            if (b != 'x') {
                throw new AssertionError("unexpected byte " + b);
            }
        }
    }

    @Test
    void aStoppedProcessEndsAWriteToASlowStreamBetweenTwoPieces() throws Exception {
        // 1 ms per KiB: 64 ms per piece, a whole 64 MiB write would take a minute
        CountDownLatch inCall = new CountDownLatch(1);
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                inCall.countDown();
                spin(len / 1024);
            }
        };
        Instance flood = flood(slow, new Random());
        // one call: 1 MiB in 16 pieces of 64 ms each
        Stopped stopped = stopWhileRunning(() -> flood.export("write_once").apply(1, 64 * MIB), inCall);
        assertThat(stopped.thrown).isInstanceOf(GuestInterruptedException.class)
                .hasMessage("guest interrupted in a host call");
        assertThat(stopped.flagStillSet).isTrue();
        assertThat(stopped.millisAfterInterrupt).isLessThan(500);
    }

    @Test
    void aStoppedProcessEndsAHugeRandomGetBetweenTwoPieces() throws Exception {
        AtomicInteger pieces = new AtomicInteger();
        CountDownLatch inCall = new CountDownLatch(1);
        // 1 ms per KiB: 64 ms per piece, 64 MiB would take a minute
        Random slow = new Random(1) {
            @Override
            public void nextBytes(byte[] bytes) {
                pieces.incrementAndGet();
                inCall.countDown();
                spin(bytes.length / 1024);
                super.nextBytes(bytes);
            }
        };
        Instance flood = flood(new ByteArrayOutputStream(), slow);
        Stopped stopped = stopWhileRunning(() -> flood.export("random_once").apply(64 * MIB), inCall);
        assertThat(stopped.thrown).isInstanceOf(GuestInterruptedException.class);
        assertThat(stopped.flagStillSet).isTrue();
        assertThat(stopped.millisAfterInterrupt).isLessThan(500);
        assertThat(pieces.get()).isLessThan(64 * MIB / IoVectors.CHUNK);
    }

    @Test
    void randomGetStillFillsTheWholeBuffer() {
        Instance flood = flood(new ByteArrayOutputStream(), new Random(3));
        int len = 3 * IoVectors.CHUNK + 5;
        assertThat(flood.export("random_once").apply(len)[0]).isZero();
        byte[] expected = new byte[len];
        Random r = new Random(3);
        for (int at = 0; at < len; at += IoVectors.CHUNK) {
            byte[] piece = new byte[Math.min(IoVectors.CHUNK, len - at)];
            r.nextBytes(piece);
            System.arraycopy(piece, 0, expected, at, piece.length);
        }
        assertThat(flood.memory().readBytes(65536, len)).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- helpers

    private static Instance flood(OutputStream stdout, Random random) {
        WasiPreview1 wasi = new WasiPreview1(WasiOptions.builder().stdout(stdout).stderr(new ByteArrayOutputStream())
                .random(random).build());
        ImportValues imports = ImportValues.builder().addFunction(wasi.hostFunctions().toArray(new HostFunction[0])).build();
        return Instance.builder(Parser.parse(Fixtures.bytes("flood"))).withImportValues(imports).build();
    }

    /** Busy for {@code millis}, deaf to interrupts, as a slow host stream or generator is. */
    private static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private record Stopped(Throwable thrown, boolean flagStillSet, long millisAfterInterrupt) {
    }

    /**
     * Runs {@code call} on a thread, interrupts it 200 ms after the host call began ({@code inCall}
     * opens: the guest has grown and filled its memory), and reports how it ended.
     */
    private static Stopped stopWhileRunning(Runnable call, CountDownLatch inCall) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>(false);
        Thread t = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        assertThat(inCall.await(30, TimeUnit.SECONDS)).as("the host call began").isTrue();
        Thread.sleep(200);
        assertThat(t.isAlive()).as("the call is still running when it is stopped").isTrue();
        long interruptedAt = System.nanoTime();
        t.interrupt();
        t.join(60_000);
        long after = (System.nanoTime() - interruptedAt) / 1_000_000;
        assertThat(t.isAlive()).isFalse();
        return new Stopped(thrown.get(), flag.get(), after);
    }

    /** Counts what reaches it and the largest single write. */
    private static final class RecordingStream extends OutputStream {
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger largestWrite = new AtomicInteger();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.addAndGet(len);
            largestWrite.accumulateAndGet(len, Math::max);
        }
    }
}
