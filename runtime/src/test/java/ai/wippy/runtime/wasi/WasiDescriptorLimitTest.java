package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.fs.DescriptorBudget;
import ai.wippy.runtime.fs.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host descriptors are a shared, limited resource: with 4096 allowed per guest against a process
 * limit of 1024, one guest holding files made the <em>next</em> guest fail with EIO. Now each guest
 * has a cap derived from {@code RLIMIT_NOFILE}, and hitting it is EMFILE for that guest alone.
 */
class WasiDescriptorLimitTest implements Witx {

    private static final int EMFILE = 33;
    private static final int ENFILE = 41;
    private static final int ROOT = 3;

    @TempDir
    Path tmp;

    @Test
    void theCapsFollowTheProcessLimit() {
        DescriptorBudget small = DescriptorBudget.forLimit(1024);
        assertThat(small.total()).isEqualTo(768);
        assertThat(small.perGuest()).isEqualTo(192);
        DescriptorBudget big = DescriptorBudget.forLimit(1_048_576);
        assertThat(big.perGuest()).isEqualTo(4096);
        assertThat(big.total()).isLessThan(1_048_576);
        // this JVM's own budget is derived from its real limit, with room left for the build
        DescriptorBudget jvm = DescriptorBudget.jvm();
        long limit = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertThat((long) jvm.total()).isLessThanOrEqualTo(limit - 256);
        assertThat(jvm.perGuest()).isLessThanOrEqualTo(jvm.total());
    }

    @Test
    void aGuestHoardingFilesGetsEmfileAndTheNextGuestIsUnaffected() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("m"));
        for (int i = 0; i < 400; i++) {
            Files.writeString(mount.resolve("f" + i), "x");
        }
        Sandbox sandbox = Sandbox.of("", DescriptorBudget.forLimit(1024)); // 192 per guest, 768 in all
        try (Guest hoarder = guest(sandbox, mount); Guest next = guest(sandbox, mount)) {
            List<Integer> held = new ArrayList<>();
            int errno = 0;
            for (int i = 0; i < 400 && errno == 0; i++) {
                errno = hoarder.openErrno(ROOT, 0, "f" + i, 0, READ_ONLY, 0);
                held.add(i);
            }
            assertThat(errno).isEqualTo(EMFILE);
            // stdio and the preopen count too: the table holds exactly its cap
            assertThat(held.size() - 1 + 4).isEqualTo(192);
            assertThat(next.openErrno(ROOT, 0, "f0", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
            // closing one lets the hoarder open one again
            assertThat(hoarder.call("fd_close", 10)).isEqualTo(ESUCCESS);
            assertThat(hoarder.openErrno(ROOT, 0, "f399", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        }
    }

    @Test
    void guestsTogetherCannotTakeTheDescriptorsTheBuildNeeds() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("m"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(mount.resolve("f" + i), "x");
        }
        Sandbox sandbox = Sandbox.of("", DescriptorBudget.forLimit(1024)); // 768 in all
        List<Guest> guests = new ArrayList<>();
        try {
            int opened = 0;
            int errno = 0;
            while (errno == 0 && guests.size() < 10) {
                Guest g = guest(sandbox, mount);
                guests.add(g);
                for (int i = 0; i < 200; i++) {
                    errno = g.openErrno(ROOT, 0, "f" + i, 0, READ_ONLY, 0);
                    if (errno != 0) {
                        break;
                    }
                    opened++;
                }
                if (errno == EMFILE) {
                    errno = 0; // this guest is full; the next one takes more
                }
            }
            assertThat(errno).isEqualTo(ENFILE);
            assertThat(opened + guests.size()).isEqualTo(768); // every preopen holds one too
            assertThat(sandbox.budget().total()).isEqualTo(768);
            // a new process cannot even open its mount now: a clear error, not a host failure later
            assertThatThrownBy(() -> guest(sandbox, mount)).isInstanceOf(WippyException.class)
                    .hasMessageContaining("too many files open in this JVM");
        } finally {
            guests.forEach(Guest::close);
        }
        // everything is given back
        try (Guest g = guest(sandbox, mount)) {
            assertThat(g.openErrno(ROOT, 0, "f0", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        }
    }

    private static Guest guest(Sandbox sandbox, Path mount) {
        return Guest.probe(WasiOptions.builder().sandbox(sandbox).mounts(List.of(new WasiMount("/m", mount, true))));
    }
}
