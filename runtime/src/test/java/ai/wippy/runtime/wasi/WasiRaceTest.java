package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.fs.DescriptorBudget;
import ai.wippy.runtime.fs.Sandbox;
import com.dylibso.chicory.runtime.ExportFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race a path-checking host loses: while a guest reads and creates files under {@code d/},
 * another process keeps swapping {@code d} between a real directory and a link to a directory
 * outside the mount. Checking names one by one and then opening the full host path let the OS
 * follow the link in between (61 of 400,000 reads returned the outside file). With every lookup
 * confined by the kernel (or walked by descriptors), not one may.
 */
class WasiRaceTest implements Witx {

    private static final int ROOT = 3;
    // -Dwippy.race.millis=60000 for a longer run (the figures in the README)
    private static final long RUN_NANOS = Long.getLong("wippy.race.millis", 1500) * 1_000_000L;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk"})
    void swappingADirectoryForALinkNeverLetsTheGuestOut(String mechanism) throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "OUTSIDE");
        Path mount = Files.createDirectory(tmp.resolve("mount"));
        Path d = Files.createDirectory(mount.resolve("d"));
        Files.writeString(d.resolve("secret.txt"), "inside!");
        Path parked = mount.resolve("parked");
        Path link = Files.createSymbolicLink(mount.resolve("link"), outside.toAbsolutePath());

        Sandbox sandbox = Sandbox.of(mechanism, DescriptorBudget.forLimit(4096));
        assertThat(sandbox.mechanism().name()).isEqualToIgnoringCase(mechanism);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(d, parked, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, d, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(d, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parked, d, StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long insideReads = 0;
        long attempts = 0;
        try (Guest g = Guest.probe(WasiOptions.builder().sandbox(sandbox)
                .mounts(List.of(new WasiMount("/m", mount, false))))) {
            ExportFunction open = g.instance.export("path_open");
            ExportFunction read = g.instance.export("fd_read");
            ExportFunction close = g.instance.export("fd_close");
            int secret = g.put("d/secret.txt");
            int fdOut = g.alloc(4);
            int buf = g.alloc(16);
            int iov = g.put(new byte[8]);
            g.memory().writeI32(iov, buf);
            g.memory().writeI32(iov + 4, 16);
            int nOut = g.alloc(4);
            int[] names = new int[64];
            for (int i = 0; i < names.length; i++) {
                names[i] = g.put(String.format("d/new-%02d.txt", i));
            }
            swapper.start();
            long end = System.nanoTime() + RUN_NANOS;
            while (System.nanoTime() < end) {
                attempts++;
                long errno = open.apply(ROOT, LOOKUP_FOLLOW, secret, 12, 0, READ_ONLY, READ_ONLY, 0, fdOut)[0];
                if (errno == ESUCCESS) {
                    int fd = g.i32(fdOut);
                    assertThat(read.apply(fd, iov, 1, nOut)[0]).isEqualTo(ESUCCESS);
                    String got = g.string(buf, g.i32(nOut));
                    assertThat(got).as("read %d", attempts).isEqualTo("inside!");
                    insideReads++;
                    close.apply(fd);
                } else {
                    assertThat(errno).as("open errno").isIn((long) ENOENT, (long) EPERM, (long) ENOTDIR, (long) ELOOP);
                }
                int name = names[(int) (attempts % names.length)];
                long created = open.apply(ROOT, 0, name, 14, O_CREAT, ALL_RIGHTS, ALL_RIGHTS, 0, fdOut)[0];
                if (created == ESUCCESS) {
                    close.apply(g.i32(fdOut));
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(Files.readString(outside.resolve("secret.txt"), StandardCharsets.UTF_8)).isEqualTo("OUTSIDE");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).as("files created outside the mount").containsExactly(outside.resolve("secret.txt"));
        }
        System.out.printf("race %s: %d swaps, %d opens, %d read the inside file, none the outside one%n",
                mechanism, swaps.get(), attempts, insideReads);
        // The race was really run: the directory was swapped often and the guest got through often.
        assertThat(swaps.get()).isGreaterThan(1000);
        assertThat(insideReads).isGreaterThan(100);
        assertThat(attempts).isGreaterThan(insideReads);
    }
}
