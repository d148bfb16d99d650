package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts: a secret outside the mount, reachable on the host through an absolute link,
 * a relative link, a linked directory, {@code ..} and absolute paths. None may be read or written,
 * and nothing may be created outside.
 */
class WasiConfinementTest implements Witx {

    private static final int ROOT = 3;
    private static final String SECRET = "SECRET-OUTSIDE";

    @TempDir
    Path tmp;
    private Path mount;
    private Path outside;
    private Guest g;

    @BeforeEach
    void start() throws Exception {
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        mount = Files.createDirectory(tmp.resolve("mount"));
        Files.writeString(mount.resolve("inside.txt"), "inside");
        Files.createSymbolicLink(mount.resolve("link_abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(mount.resolve("link_rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(mount.resolve("linkdir"), outside.toAbsolutePath());
        Files.createSymbolicLink(mount.resolve("linkdir_rel"), Path.of("../outside"));
        Files.createDirectory(mount.resolve("sub"));
        Files.createSymbolicLink(mount.resolve("sub/deep_rel"), Path.of("../../outside/secret.txt"));
        g = Guest.probe(WasiOptions.builder().mounts(List.of(new WasiMount("/sandbox", mount, false))));
    }

    @AfterEach
    void stop() throws Exception {
        g.close();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET);
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
        assertThat(g.out()).doesNotContain(SECRET);
    }

    private static final List<String> ESCAPES = List.of(
            "link_abs", "link_rel", "linkdir/secret.txt", "linkdir_rel/secret.txt", "sub/deep_rel",
            "../outside/secret.txt", "sub/../../outside/secret.txt", "/etc/passwd", "./../outside/secret.txt");

    @Test
    void readingThroughAnyEscapeFails() {
        for (String path : ESCAPES) {
            for (int lookup : new int[] {0, LOOKUP_FOLLOW}) {
                int errno = g.openErrno(ROOT, lookup, path, 0, READ_ONLY, 0);
                assertThat(errno).as("open %s lookup=%d", path, lookup).isIn(EPERM, ELOOP, ENOTCAPABLE);
            }
            int st = g.alloc(64);
            int p = g.put(path);
            assertThat(g.call("path_filestat_get", ROOT, LOOKUP_FOLLOW, p, path.length(), st))
                    .as("stat %s", path).isIn(EPERM, ENOTCAPABLE);
        }
        assertThat(g.openErrno(ROOT, 0, "inside.txt", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
    }

    @Test
    void writingAndCreatingThroughAnyEscapeFails() {
        for (String path : List.of("linkdir/created.txt", "linkdir_rel/created.txt", "../outside/created.txt",
                "link_abs", "link_rel", "sub/deep_rel")) {
            for (int lookup : new int[] {0, LOOKUP_FOLLOW}) {
                int errno = g.openErrno(ROOT, lookup, path, O_CREAT | O_TRUNC, ALL_RIGHTS, 0);
                assertThat(errno).as("create %s lookup=%d", path, lookup).isIn(EPERM, ELOOP, ENOTCAPABLE);
            }
        }
        assertThat(g.pathCall("path_create_directory", ROOT, "linkdir/newdir")).isIn(EPERM, ENOTCAPABLE);
        assertThat(g.pathCall("path_unlink_file", ROOT, "linkdir/secret.txt")).isIn(EPERM, ENOTCAPABLE);
        int from = g.put("linkdir/secret.txt");
        int to = g.put("stolen.txt");
        assertThat(g.call("path_rename", ROOT, from, 18, ROOT, to, 10)).isIn(EPERM, ENOTCAPABLE);
        assertThat(g.call("path_link", ROOT, 1, g.put("link_abs"), 8, ROOT, to, 10)).isIn(EPERM, ENOTCAPABLE);
        int into = g.put("linkdir/x");
        assertThat(g.call("path_rename", ROOT, g.put("inside.txt"), 10, ROOT, into, 9)).isIn(EPERM, ENOTCAPABLE);
        assertThat(Files.exists(mount.resolve("stolen.txt"))).isFalse();
    }

    @Test
    void listingALinkedDirectoryFails() {
        assertThat(g.openErrno(ROOT, LOOKUP_FOLLOW, "linkdir", O_DIRECTORY, READ_ONLY, 0)).isIn(EPERM, ENOTCAPABLE);
        assertThat(g.openErrno(ROOT, 0, "linkdir", O_DIRECTORY, READ_ONLY, 0)).isIn(ENOTDIR, ELOOP);
    }

    @Test
    void guestCannotCreateEscapingLinks() throws Exception {
        for (String target : List.of("/etc/passwd", outside.resolve("secret.txt").toString(), "..",
                "../outside/secret.txt", "sub/../../outside", "sub/../..", "../inside.txt", "sub/..", "a/../b")) {
            int t = g.put(target);
            int l = g.put("evil");
            assertThat(g.call("path_symlink", t, target.length(), ROOT, l, 4))
                    .as("symlink -> %s", target).isEqualTo(EPERM);
        }
        assertThat(Files.exists(mount.resolve("evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        // links leading down from their own directory are fine, also in a subdirectory
        Files.writeString(mount.resolve("sub/inside2.txt"), "inside2");
        int t = g.put("inside2.txt");
        int l = g.put("sub/ok");
        assertThat(g.call("path_symlink", t, 11, ROOT, l, 6)).isEqualTo(ESUCCESS);
        assertThat(Files.readSymbolicLink(mount.resolve("sub/ok"))).isEqualTo(Path.of("inside2.txt"));
        int p = g.put("sub/ok");
        int fdOut = g.alloc(4);
        assertThat(g.call("path_open", ROOT, LOOKUP_FOLLOW, p, 6, 0, READ_ONLY, READ_ONLY, 0, fdOut)).isEqualTo(ESUCCESS);
        assertThat(g.read(g.i32(fdOut), 20)).isEqualTo("inside2");
    }

    @Test
    void aDirectoryDescriptorCannotClimbAboveItself() throws Exception {
        Files.writeString(mount.resolve("sub/f"), "f");
        int sub = g.open(ROOT, "sub", O_DIRECTORY, READ_ONLY, 0);
        assertThat(g.openErrno(sub, 0, "f", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        assertThat(g.openErrno(sub, 0, "../inside.txt", 0, READ_ONLY, 0)).isEqualTo(EPERM);
        // replacing the opened directory by a link to the outside does not redirect the descriptor:
        // it holds the directory itself, which moved
        Files.move(mount.resolve("sub"), mount.resolve("sub_moved"));
        Files.createSymbolicLink(mount.resolve("sub"), outside.toAbsolutePath());
        assertThat(g.openErrno(sub, 0, "secret.txt", 0, READ_ONLY, 0)).isEqualTo(ENOENT);
        assertThat(g.openErrno(sub, 0, "f", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        int used = g.alloc(4);
        int buf = g.alloc(256);
        assertThat(g.call("fd_readdir", sub, buf, 256, 0, used)).isEqualTo(ESUCCESS);
        assertThat(g.string(buf, g.i32(used))).contains("f").doesNotContain("secret");
    }
}
