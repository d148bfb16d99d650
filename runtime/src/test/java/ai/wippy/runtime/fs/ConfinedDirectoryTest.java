package ai.wippy.runtime.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The confined layer on its own, for each mechanism: the attacks from the hardening issue (links
 * that are harmless where they are made and escape once moved, {@code up -> .} followed by
 * {@code up/..}), host-made links, FIFOs, and that what it reports matches the host.
 */
class ConfinedDirectoryTest {

    private static final OpenOptions READ = new OpenOptions(true, false, false, false, false, false, false, true);
    private static final OpenOptions CREATE = new OpenOptions(true, true, false, true, false, false, false, false);

    @TempDir
    Path tmp;
    private ConfinedDirectory root;

    private ConfinedDirectory mount(String mechanism, boolean readOnly) throws Exception {
        Path m = tmp.resolve("mount");
        Files.createDirectories(m);
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.txt"), "OUTSIDE");
        Sandbox sandbox = Sandbox.of(mechanism, DescriptorBudget.forLimit(4096));
        assertThat(sandbox.mechanism().name()).isEqualToIgnoringCase(mechanism);
        root = sandbox.open(m, readOnly);
        return root;
    }

    @AfterEach
    void close() throws Exception {
        if (root == null) {
            return;
        }
        root.close();
        assertThat(Files.readString(tmp.resolve("outside/secret.txt"))).isEqualTo("OUTSIDE");
        try (Stream<Path> s = Files.list(tmp.resolve("outside"))) {
            assertThat(s).containsExactly(tmp.resolve("outside/secret.txt"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk", "nio"})
    void aGuestCannotMakeALinkThatClimbs(String mechanism) throws Exception {
        ConfinedDirectory d = mount(mechanism, false);
        Path m = tmp.resolve("mount");
        d.createDirectory("a");
        Files.createDirectories(m.resolve("a/b/c/d/e/f/g"));
        // contained where it is made, but one rename away from the host's /etc
        assertError(() -> d.symlink("../../../../../../../etc", "a/b/c/d/e/f/g/esc"), FsError.PERM);
        assertError(() -> d.symlink("/etc", "abs"), FsError.PERM);
        assertError(() -> d.symlink("", "empty"), FsError.NOENT);
        if (!mechanism.equals("nio")) {
            d.symlink(".", "up");
            assertThat(d.readLink("up")).isEqualTo(".");
        }
        // "up/.." passes a textual depth check and resolves to the mount's parent: no ".." at all
        assertError(() -> d.symlink("up/..", "esc"), FsError.PERM);
        assertThat(Files.exists(m.resolve("esc"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(m.resolve("a/b/c/d/e/f/g/esc"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk", "nio"})
    void aClimbingLinkTheHostMadeCanBeReadButNotMovedOrLinked(String mechanism) throws Exception {
        ConfinedDirectory d = mount(mechanism, false);
        Path m = tmp.resolve("mount");
        Files.createDirectories(m.resolve("a/b"));
        Files.writeString(m.resolve("x.txt"), "x");
        Files.createSymbolicLink(m.resolve("a/b/l"), Path.of("../../x.txt"));
        assertThat(d.readLink("a/b/l")).isEqualTo("../../x.txt");
        if (!mechanism.equals("nio")) {
            assertThat(read(d, "a/b/l")).isEqualTo("x");
        }
        // at the mount root the same text would point above the mount
        assertError(() -> d.rename("a/b/l", d, "l"), FsError.PERM);
        assertError(() -> d.link("a/b/l", false, d, "l"), FsError.PERM);
        assertThat(Files.exists(m.resolve("l"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        // files and harmless links move freely
        Files.createSymbolicLink(m.resolve("a/down"), Path.of("b"));
        d.rename("a/down", d, "down");
        d.rename("x.txt", d, "a/y.txt");
        assertThat(m.resolve("a/y.txt")).hasContent("x");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk", "nio"})
    void escapesFailWithPerm(String mechanism) throws Exception {
        ConfinedDirectory d = mount(mechanism, false);
        Path m = tmp.resolve("mount");
        Files.createSymbolicLink(m.resolve("abs"), tmp.resolve("outside").toAbsolutePath());
        Files.createSymbolicLink(m.resolve("rel"), Path.of("../outside"));
        Files.createDirectory(m.resolve("sub"));
        for (String p : new String[] {"..", "../outside/secret.txt", "sub/../../outside/secret.txt",
                "abs/secret.txt", "rel/secret.txt", "/etc/passwd"}) {
            assertError(() -> d.stat(p, true), FsError.PERM);
            assertError(() -> d.open(p, READ), FsError.PERM);
        }
        for (String p : new String[] {"abs/new.txt", "rel/new.txt", "../outside/new.txt"}) {
            assertError(() -> d.open(p, CREATE), FsError.PERM);
            assertError(() -> d.createDirectory(p), FsError.PERM);
            assertError(() -> d.symlink("x", p), FsError.PERM);
        }
        assertError(() -> d.rename("sub", d, "../outside/sub"), FsError.PERM);
        assertError(() -> d.removeDirectory(".."), FsError.PERM);
        // a directory opened below is its own floor
        try (ConfinedDirectory sub = d.openDirectory("sub", true)) {
            assertError(() -> sub.stat("..", true), FsError.PERM);
            assertThat(sub.isMountRoot()).isFalse();
        }
        assertThat(d.isMountRoot()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk"})
    void whatItReportsIsWhatTheHostSays(String mechanism) throws Exception {
        ConfinedDirectory d = mount(mechanism, false);
        Path m = tmp.resolve("mount");
        Files.writeString(m.resolve("f.txt"), "hello");
        Files.createDirectory(m.resolve("dir"));
        Files.createSymbolicLink(m.resolve("ln"), Path.of("f.txt"));
        Map<String, Object> host = Files.readAttributes(m.resolve("f.txt"), "unix:dev,ino,nlink,size");
        FileStat s = d.stat("f.txt", false);
        assertThat(s.type()).isEqualTo(FileType.REGULAR_FILE);
        assertThat(s.dev()).isEqualTo(((Number) host.get("dev")).longValue());
        assertThat(s.ino()).isEqualTo(((Number) host.get("ino")).longValue());
        assertThat(s.nlink()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.mtimeNanos() / 1_000_000).isEqualTo(Files.getLastModifiedTime(m.resolve("f.txt")).toMillis());
        assertThat(d.stat("ln", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
        assertThat(d.stat("ln", true).ino()).isEqualTo(s.ino());
        assertThat(d.list()).extracting(DirEntry::name).containsExactly("dir", "f.txt", "ln");
        assertThat(d.list()).extracting(DirEntry::type)
                .containsExactly(FileType.DIRECTORY, FileType.REGULAR_FILE, FileType.SYMBOLIC_LINK);
        // times to the nanosecond, on the link itself when not following
        d.setTimes("ln", false, TimeUpdate.KEEP, TimeUpdate.at(1_000_000_123L));
        assertThat(d.stat("ln", false).mtimeNanos()).isEqualTo(1_000_000_123L);
        assertThat(d.stat("f.txt", false).mtimeNanos()).isEqualTo(s.mtimeNanos());
        // a handle follows its file through a rename
        ConfinedFile f = d.open("f.txt", new OpenOptions(true, true, false, false, false, false, false, true)).file();
        try (f) {
            d.rename("f.txt", d, "dir/g.txt");
            assertThat(f.write("!".getBytes(StandardCharsets.UTF_8), 0, 1, 5)).isEqualTo(1);
            assertThat(f.stat().size()).isEqualTo(6);
        }
        assertThat(m.resolve("dir/g.txt")).hasContent("hello!");
        // a hard link to the target of a link, through the descriptor the confined lookup found
        Files.createSymbolicLink(m.resolve("ln2"), Path.of("dir/g.txt"));
        d.link("ln2", true, d, "hard");
        assertThat(d.stat("hard", false).ino()).isEqualTo(d.stat("dir/g.txt", false).ino());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk", "nio"})
    void aFifoIsRefusedWithoutBlocking(String mechanism) throws Exception {
        ConfinedDirectory d = mount(mechanism, false);
        Path fifo = tmp.resolve("mount/pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
        CompletableFuture<FsError> result = CompletableFuture.supplyAsync(() -> {
            try {
                d.open("pipe", READ);
                return null;
            } catch (FsException e) {
                return e.error();
            }
        });
        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(FsError.NOTSUP);
        assertThat(d.stat("pipe", false).type()).isEqualTo(FileType.FIFO);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openat2", "walk", "nio"})
    void aReadOnlyMountChangesNothing(String mechanism) throws Exception {
        Path m = tmp.resolve("mount");
        Files.createDirectories(m.resolve("sub"));
        Files.writeString(m.resolve("f.txt"), "ro");
        ConfinedDirectory d = mount(mechanism, true);
        assertError(() -> d.open("new.txt", CREATE), FsError.ROFS);
        assertError(() -> d.open("f.txt", CREATE), FsError.ROFS);
        assertError(() -> d.createDirectory("x"), FsError.ROFS);
        assertError(() -> d.removeDirectory("sub"), FsError.ROFS);
        assertError(() -> d.unlinkFile("f.txt"), FsError.ROFS);
        assertError(() -> d.rename("f.txt", d, "g.txt"), FsError.ROFS);
        assertError(() -> d.symlink("f.txt", "l"), FsError.ROFS);
        assertError(() -> d.setTimes("f.txt", true, TimeUpdate.NOW, TimeUpdate.NOW), FsError.ROFS);
        ConfinedFile f = d.open("f.txt", READ).file();
        try (f) {
            assertError(() -> f.write(new byte[1], 0, 1), FsError.ROFS);
            assertError(() -> f.setSize(0), FsError.ROFS);
            assertError(() -> f.setAppend(true), FsError.ROFS);
        }
        assertThat(m.resolve("f.txt")).hasContent("ro");
        try (Stream<Path> s = Files.list(m)) {
            assertThat(s).hasSize(2);
        }
    }

    @Test
    void theNioFallbackFollowsAndMakesNoLinks() throws Exception {
        ConfinedDirectory d = mount("nio", false);
        Path m = tmp.resolve("mount");
        Files.writeString(m.resolve("f.txt"), "f");
        Files.createSymbolicLink(m.resolve("ln"), Path.of("f.txt"));
        assertError(() -> d.open("ln", READ), FsError.PERM);
        assertError(() -> d.symlink("f.txt", "mine"), FsError.NOTSUP);
        assertThat(d.stat("ln", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
        assertThat(d.readLink("ln")).isEqualTo("f.txt");
        assertThat(read(d, "f.txt")).isEqualTo("f");
    }

    @Test
    void thisMachineConfinesByTheKernel() {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        assumeThat(System.getProperty("wippy.fs.confinement", "")).isEmpty();
        Sandbox host = Sandbox.host();
        assertThat(host.mechanism()).isNotEqualTo(Sandbox.Mechanism.NIO);
        assertThat(host.describe()).startsWith("mount confinement: ");
    }

    private static String read(ConfinedDirectory d, String path) {
        ConfinedFile f = d.open(path, READ).file();
        try (f) {
            byte[] buf = new byte[64];
            int n = f.read(buf, 0, buf.length);
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    private static void assertError(ThrowingRunnable r, FsError expected) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(FsException.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
