package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File and directory calls on a writable mount at {@code /data} (fd 3). */
class WasiFileSystemTest implements Witx {

    private static final int ROOT = 3;

    @TempDir
    Path tmp;
    private Path data;
    private Guest g;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectory(tmp.resolve("data"));
        g = Guest.probe(WasiOptions.builder().mounts(List.of(new WasiMount("/data", data, false))));
    }

    @AfterEach
    void stop() {
        g.close();
    }

    @Test
    void preopenIsDescribedByPrestat() {
        int pre = g.alloc(8);
        assertThat(g.call("fd_prestat_get", ROOT, pre)).isEqualTo(ESUCCESS);
        assertThat(g.u8(pre)).isZero();
        assertThat(g.i32(pre + 4)).isEqualTo(5);
        int name = g.alloc(8);
        assertThat(g.call("fd_prestat_dir_name", ROOT, name, 5)).isEqualTo(ESUCCESS);
        assertThat(g.string(name, 5)).isEqualTo("/data");
        assertThat(g.call("fd_prestat_dir_name", ROOT, name, 2)).isEqualTo(ENAMETOOLONG);
        assertThat(g.call("fd_prestat_get", 1, pre)).isEqualTo(EBADF);
        assertThat(g.call("fd_prestat_get", 4, pre)).isEqualTo(EBADF);
    }

    @Test
    void createWriteSeekReadAndStatAFile() throws Exception {
        int fd = g.open(ROOT, "new.txt", O_CREAT, ALL_RIGHTS, 0);
        assertThat(g.write(fd, "hello world")).isEqualTo(11);
        assertThat(Files.readString(data.resolve("new.txt"))).isEqualTo("hello world");
        int pos = g.alloc(8);
        assertThat(g.call("fd_seek", fd, 6, 0, pos)).isEqualTo(ESUCCESS);
        assertThat(g.i64(pos)).isEqualTo(6);
        assertThat(g.read(fd, 100)).isEqualTo("world");
        assertThat(g.call("fd_tell", fd, pos)).isEqualTo(ESUCCESS);
        assertThat(g.i64(pos)).isEqualTo(11);
        assertThat(g.call("fd_seek", fd, -3, 2, pos)).isEqualTo(ESUCCESS);
        assertThat(g.i64(pos)).isEqualTo(8);
        assertThat(g.call("fd_seek", fd, -100, 1, pos)).isEqualTo(EINVAL);
        assertThat(g.call("fd_seek", fd, 0, 7, pos)).isEqualTo(EINVAL);
        int st = g.alloc(64);
        assertThat(g.call("fd_filestat_get", fd, st)).isEqualTo(ESUCCESS);
        assertThat(g.u8(st + 16)).isEqualTo(FILETYPE_REGULAR_FILE);
        assertThat(g.i64(st + 32)).isEqualTo(11);
        assertThat(g.i64(st + 24)).isEqualTo(1);
        assertThat(g.call("fd_filestat_set_size", fd, 5)).isEqualTo(ESUCCESS);
        assertThat(Files.readString(data.resolve("new.txt"))).isEqualTo("hello");
        assertThat(g.call("fd_filestat_set_size", fd, 7)).isEqualTo(ESUCCESS);
        assertThat(Files.size(data.resolve("new.txt"))).isEqualTo(7);
        assertThat(g.call("fd_allocate", fd, 0, 20)).isEqualTo(ESUCCESS);
        assertThat(Files.size(data.resolve("new.txt"))).isEqualTo(20);
        assertThat(g.call("fd_sync", fd)).isEqualTo(ESUCCESS);
        assertThat(g.call("fd_datasync", fd)).isEqualTo(ESUCCESS);
        assertThat(g.call("fd_advise", fd, 0, 0, 1)).isEqualTo(ESUCCESS);
        assertThat(g.call("fd_advise", fd, 0, 0, 9)).isEqualTo(EINVAL);
        assertThat(g.call("fd_close", fd)).isEqualTo(ESUCCESS);
        assertThat(g.call("fd_close", fd)).isEqualTo(EBADF);
    }

    @Test
    void preadAndPwriteDoNotMoveThePosition() throws Exception {
        Files.writeString(data.resolve("f"), "0123456789");
        int fd = g.open(ROOT, "f", 0, ALL_RIGHTS, 0);
        int buf = g.alloc(4);
        int iov = g.put(new byte[8]);
        g.memory().writeI32(iov, buf);
        g.memory().writeI32(iov + 4, 4);
        int n = g.alloc(4);
        assertThat(g.call("fd_pread", fd, iov, 1, 3, n)).isEqualTo(ESUCCESS);
        assertThat(g.string(buf, g.i32(n))).isEqualTo("3456");
        int text = g.put("AB");
        g.memory().writeI32(iov, text);
        g.memory().writeI32(iov + 4, 2);
        assertThat(g.call("fd_pwrite", fd, iov, 1, 8, n)).isEqualTo(ESUCCESS);
        assertThat(Files.readString(data.resolve("f"))).isEqualTo("01234567AB");
        assertThat(g.read(fd, 3)).isEqualTo("012");
        assertThat(g.call("fd_pread", 1, iov, 1, 0, n)).isEqualTo(EBADF);
        assertThat(g.call("fd_pwrite", 1, iov, 1, 0, n)).isEqualTo(ESPIPE);
    }

    @Test
    void appendFlagWritesAtTheEnd() throws Exception {
        Files.writeString(data.resolve("log"), "a");
        int fd = g.open(ROOT, "log", 0, ALL_RIGHTS, FDFLAG_APPEND);
        g.write(fd, "b");
        int st = g.alloc(24);
        assertThat(g.call("fd_fdstat_get", fd, st)).isEqualTo(ESUCCESS);
        assertThat(g.u16(st + 2)).isEqualTo(FDFLAG_APPEND);
        assertThat(g.call("fd_fdstat_set_flags", fd, 0)).isEqualTo(ESUCCESS);
        assertThat(g.call("fd_seek", fd, 0, 0, g.alloc(8))).isEqualTo(ESUCCESS);
        g.write(fd, "X");
        assertThat(Files.readString(data.resolve("log"))).isEqualTo("Xb");
        assertThat(g.call("fd_fdstat_set_flags", fd, 64)).isEqualTo(EINVAL);
    }

    @Test
    void openFlagsBehaveAsSpecified() throws Exception {
        Files.writeString(data.resolve("f"), "content");
        Files.createDirectory(data.resolve("dir"));
        assertThat(g.openErrno(ROOT, 0, "missing", 0, ALL_RIGHTS, 0)).isEqualTo(ENOENT);
        assertThat(g.openErrno(ROOT, 0, "f", O_CREAT | O_EXCL, ALL_RIGHTS, 0)).isEqualTo(EEXIST);
        assertThat(g.openErrno(ROOT, 0, "f", O_DIRECTORY, ALL_RIGHTS, 0)).isEqualTo(ENOTDIR);
        assertThat(g.openErrno(ROOT, 0, "dir", 0, ALL_RIGHTS, 0)).isEqualTo(EISDIR);
        assertThat(g.openErrno(ROOT, 0, "f/", 0, READ_ONLY, 0)).isEqualTo(ENOTDIR);
        assertThat(g.openErrno(ROOT, 0, "f/x", 0, READ_ONLY, 0)).isEqualTo(ENOTDIR);
        assertThat(g.openErrno(ROOT, 0, "dir", O_CREAT | O_DIRECTORY, READ_ONLY, 0)).isEqualTo(EINVAL);
        assertThat(g.openErrno(ROOT, 0, "", 0, READ_ONLY, 0)).isEqualTo(ENOENT);
        assertThat(g.openErrno(ROOT, 0, "f", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        int fd = g.open(ROOT, "f", O_TRUNC, ALL_RIGHTS, 0);
        assertThat(Files.size(data.resolve("f"))).isZero();
        assertThat(g.openErrno(fd, 0, "x", 0, READ_ONLY, 0)).isEqualTo(ENOTDIR);
        int bad = g.put(new byte[] {(byte) 0xff, 'a'});
        assertThat(g.call("path_open", ROOT, 0, bad, 2, 0, READ_ONLY, READ_ONLY, 0, g.alloc(4))).isEqualTo(EILSEQ);
        assertThat(g.call("path_open", ROOT, 0, 2 * 65536 - 2, 5, 0, READ_ONLY, READ_ONLY, 0, g.alloc(4))).isEqualTo(EFAULT);
        assertThat(g.call("path_open", ROOT, 0, g.put("f"), 1, 0, READ_ONLY, READ_ONLY, 0, 2 * 65536 - 1)).isEqualTo(EFAULT);
    }

    @Test
    void rightsAreEnforcedAndOnlyShrink() throws Exception {
        Files.writeString(data.resolve("f"), "content");
        int fd = g.open(ROOT, "f", 0, RIGHT_FD_READ, 0);
        assertThat(g.writeErrno(fd, "x")).isEqualTo(ENOTCAPABLE);
        assertThat(g.call("fd_seek", fd, 1, 0, g.alloc(8))).isEqualTo(ENOTCAPABLE);
        assertThat(g.read(fd, 3)).isEqualTo("con");
        int st = g.alloc(24);
        g.call("fd_fdstat_get", fd, st);
        assertThat(g.i64(st + 8)).isEqualTo(RIGHT_FD_READ);
        assertThat(g.call("fd_fdstat_set_rights", fd, RIGHT_FD_READ | RIGHT_FD_WRITE, 0)).isEqualTo(ENOTCAPABLE);
        assertThat(g.call("fd_fdstat_set_rights", fd, 0, 0)).isEqualTo(ESUCCESS);
        assertThat(g.readErrno(fd)).isEqualTo(ENOTCAPABLE);
        // a directory without PATH_OPEN cannot open anything
        assertThat(g.call("fd_fdstat_set_rights", ROOT, RIGHT_FD_READDIR, ALL_RIGHTS)).isEqualTo(ESUCCESS);
        assertThat(g.openErrno(ROOT, 0, "f", 0, READ_ONLY, 0)).isEqualTo(ENOTCAPABLE);
        assertThat(g.pathCall("path_create_directory", ROOT, "d")).isEqualTo(ENOTCAPABLE);
    }

    @Test
    void directoryDescriptorsRefuseFileOperations() {
        assertThat(g.readErrno(ROOT)).isEqualTo(EISDIR);
        assertThat(g.writeErrno(ROOT, "x")).isEqualTo(EISDIR);
        assertThat(g.call("fd_seek", ROOT, 0, 0, g.alloc(8))).isEqualTo(EBADF);
        int st = g.alloc(64);
        assertThat(g.call("fd_filestat_get", ROOT, st)).isEqualTo(ESUCCESS);
        assertThat(g.u8(st + 16)).isEqualTo(FILETYPE_DIRECTORY);
        assertThat(g.call("fd_readdir", 1, g.alloc(64), 64, 0, g.alloc(4))).isEqualTo(ENOTDIR);
        assertThat(g.pathCall("path_create_directory", 1, "x")).isEqualTo(ENOTDIR);
        assertThat(g.pathCall("path_create_directory", 99, "x")).isEqualTo(EBADF);
    }

    @Test
    void readdirListsDotEntriesThenSortedNamesWithTypesAndCookies() throws Exception {
        Files.writeString(data.resolve("b.txt"), "x");
        Files.createDirectory(data.resolve("a"));
        Files.createSymbolicLink(data.resolve("c"), Path.of("b.txt"));
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        // a small buffer forces several calls, continuing from each entry's d_next
        while (true) {
            int buf = g.alloc(40);
            int used = g.alloc(4);
            assertThat(g.call("fd_readdir", ROOT, buf, 40, cookie, used)).isEqualTo(ESUCCESS);
            int n = g.i32(used);
            if (n < 24) {
                break;
            }
            int len = g.i32(buf + 16);
            if (24 + len > n) {
                assertThat(n).isEqualTo(40);
                // truncated entry: ask again with a buffer that fits
                int big = g.alloc(256);
                g.call("fd_readdir", ROOT, big, 256, cookie, used);
                buf = big;
                len = g.i32(buf + 16);
            }
            seen.add(g.string(buf + 24, len) + ":" + g.u8(buf + 20));
            cookie = g.i64(buf);
            if (n < 40) {
                break;
            }
        }
        assertThat(seen).containsExactly(".:3", "..:3", "a:3", "b.txt:4", "c:7");
    }

    @Test
    void directoriesAreCreatedListedAndRemoved() throws Exception {
        assertThat(g.pathCall("path_create_directory", ROOT, "sub")).isEqualTo(ESUCCESS);
        assertThat(Files.isDirectory(data.resolve("sub"))).isTrue();
        assertThat(g.pathCall("path_create_directory", ROOT, "sub")).isEqualTo(EEXIST);
        assertThat(g.pathCall("path_create_directory", ROOT, "nope/sub")).isEqualTo(ENOENT);
        int sub = g.open(ROOT, "sub", O_DIRECTORY, READ_ONLY, 0);
        int f = g.open(sub, "inner.txt", O_CREAT, ALL_RIGHTS, 0);
        g.write(f, "in");
        assertThat(Files.readString(data.resolve("sub/inner.txt"))).isEqualTo("in");
        assertThat(g.pathCall("path_remove_directory", ROOT, "sub")).isEqualTo(ENOTEMPTY);
        assertThat(g.pathCall("path_remove_directory", ROOT, "sub/inner.txt")).isEqualTo(ENOTDIR);
        assertThat(g.pathCall("path_unlink_file", ROOT, "sub")).isEqualTo(EISDIR);
        assertThat(g.pathCall("path_unlink_file", ROOT, "sub/inner.txt")).isEqualTo(ESUCCESS);
        assertThat(g.pathCall("path_unlink_file", ROOT, "sub/inner.txt")).isEqualTo(ENOENT);
        assertThat(g.pathCall("path_remove_directory", ROOT, "sub")).isEqualTo(ESUCCESS);
        assertThat(Files.exists(data.resolve("sub"))).isFalse();
        assertThat(g.pathCall("path_remove_directory", ROOT, ".")).isIn(EINVAL, 10);
    }

    @Test
    void renameMovesFilesAndDirectories() throws Exception {
        Files.writeString(data.resolve("a"), "A");
        Files.writeString(data.resolve("b"), "B");
        Files.createDirectories(data.resolve("d/e"));
        assertThat(rename("a", "b")).isEqualTo(ESUCCESS);
        assertThat(Files.readString(data.resolve("b"))).isEqualTo("A");
        assertThat(Files.exists(data.resolve("a"))).isFalse();
        assertThat(rename("b", "d/moved")).isEqualTo(ESUCCESS);
        assertThat(Files.readString(data.resolve("d/moved"))).isEqualTo("A");
        assertThat(rename("d", "d2")).isEqualTo(ESUCCESS);
        assertThat(Files.isDirectory(data.resolve("d2/e"))).isTrue();
        assertThat(rename("missing", "x")).isEqualTo(ENOENT);
        assertThat(rename("d2/moved", "d2/e")).isEqualTo(EISDIR);
        assertThat(rename("d2/e", "d2/moved")).isEqualTo(ENOTDIR);
    }

    private int rename(String from, String to) {
        int a = g.put(from);
        int b = g.put(to);
        return g.call("path_rename", ROOT, a, from.length(), ROOT, b, to.length());
    }

    @Test
    void symlinksAreCreatedReadAndFollowedInsideTheMount() throws Exception {
        Files.writeString(data.resolve("target.txt"), "T");
        Files.createDirectory(data.resolve("dir"));
        // A link that climbs with "..": the host may put one in a mount, a guest may not make one.
        assertThat(symlink("../target.txt", "dir/up")).isEqualTo(EPERM);
        Files.createSymbolicLink(data.resolve("dir/up"), Path.of("../target.txt"));
        assertThat(symlink("target.txt", "down")).isEqualTo(ESUCCESS);
        assertThat(Files.readSymbolicLink(data.resolve("down"))).isEqualTo(Path.of("target.txt"));
        int buf = g.alloc(64);
        int used = g.alloc(4);
        int p = g.put("dir/up");
        assertThat(g.call("path_readlink", ROOT, p, 6, buf, 64, used)).isEqualTo(ESUCCESS);
        assertThat(g.string(buf, g.i32(used))).isEqualTo("../target.txt");
        assertThat(g.call("path_readlink", ROOT, p, 6, buf, 3, used)).isEqualTo(ESUCCESS);
        assertThat(g.string(buf, g.i32(used))).isEqualTo("../");
        int t = g.put("target.txt");
        assertThat(g.call("path_readlink", ROOT, t, 10, buf, 64, used)).isEqualTo(EINVAL);
        // followed only with SYMLINK_FOLLOW; without it opening the link itself is ELOOP
        assertThat(g.openErrno(ROOT, LOOKUP_FOLLOW, "dir/up", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        assertThat(g.openErrno(ROOT, 0, "dir/up", 0, READ_ONLY, 0)).isEqualTo(ELOOP);
        int st = g.alloc(64);
        assertThat(g.call("path_filestat_get", ROOT, 0, p, 6, st)).isEqualTo(ESUCCESS);
        assertThat(g.u8(st + 16)).isEqualTo(FILETYPE_SYMBOLIC_LINK);
        assertThat(g.call("path_filestat_get", ROOT, LOOKUP_FOLLOW, p, 6, st)).isEqualTo(ESUCCESS);
        assertThat(g.u8(st + 16)).isEqualTo(FILETYPE_REGULAR_FILE);
        assertThat(g.i64(st + 32)).isEqualTo(1);
        // an intermediate link to a directory is followed; loops end in ELOOP
        assertThat(symlink("dir", "dirlink")).isEqualTo(ESUCCESS);
        assertThat(g.openErrno(ROOT, 0, "dirlink/up", 0, READ_ONLY, 0)).isEqualTo(ELOOP);
        assertThat(g.openErrno(ROOT, LOOKUP_FOLLOW, "dirlink/up", 0, READ_ONLY, 0)).isEqualTo(ESUCCESS);
        assertThat(symlink("loop", "loop")).isEqualTo(ESUCCESS);
        assertThat(g.openErrno(ROOT, LOOKUP_FOLLOW, "loop", 0, READ_ONLY, 0)).isEqualTo(ELOOP);
        assertThat(g.openErrno(ROOT, 0, "loop/x", 0, READ_ONLY, 0)).isEqualTo(ELOOP);
        assertThat(symlink("target.txt", "dir")).isEqualTo(EEXIST);
        // the link itself is removed, not its target
        assertThat(g.pathCall("path_unlink_file", ROOT, "dir/up")).isEqualTo(ESUCCESS);
        assertThat(Files.exists(data.resolve("target.txt"))).isTrue();
    }

    private int symlink(String target, String link) {
        int t = g.put(target);
        int l = g.put(link);
        return g.call("path_symlink", t, target.length(), ROOT, l, link.length());
    }

    @Test
    void hardLinksShareContent() throws Exception {
        Files.writeString(data.resolve("orig"), "same");
        int a = g.put("orig");
        int b = g.put("copy");
        assertThat(g.call("path_link", ROOT, 0, a, 4, ROOT, b, 4)).isEqualTo(ESUCCESS);
        assertThat(Files.readString(data.resolve("copy"))).isEqualTo("same");
        assertThat(Files.isSameFile(data.resolve("orig"), data.resolve("copy"))).isTrue();
        assertThat(g.call("path_link", ROOT, 0, a, 4, ROOT, b, 4)).isEqualTo(EEXIST);
        Files.createDirectory(data.resolve("dir"));
        int d = g.put("dir");
        int c = g.put("dir2");
        assertThat(g.call("path_link", ROOT, 0, d, 3, ROOT, c, 4)).isEqualTo(EPERM);
    }

    @Test
    void timesAreSetOnPathsAndDescriptors() throws Exception {
        Files.writeString(data.resolve("f"), "x");
        int p = g.put("f");
        long mtime = 1_600_000_000_000_000_000L;
        assertThat(g.call("path_filestat_set_times", ROOT, 0, p, 1, 0, mtime, 4)).isEqualTo(ESUCCESS);
        assertThat(Files.getLastModifiedTime(data.resolve("f")).toMillis()).isEqualTo(mtime / 1_000_000);
        assertThat(g.call("path_filestat_set_times", ROOT, 0, p, 1, 0, mtime, 4 | 8)).isEqualTo(EINVAL);
        int fd = g.open(ROOT, "f", 0, ALL_RIGHTS, 0);
        assertThat(g.call("fd_filestat_set_times", fd, 0, mtime + 1_000_000_000L, 4)).isEqualTo(ESUCCESS);
        assertThat(Files.getLastModifiedTime(data.resolve("f")).toMillis()).isEqualTo(mtime / 1_000_000 + 1000);
    }

    @Test
    void renumberMovesADescriptorOntoAnOpenOne() throws Exception {
        Files.writeString(data.resolve("f"), "abc");
        int a = g.open(ROOT, "f", 0, ALL_RIGHTS, 0);
        int b = g.open(ROOT, "f", 0, ALL_RIGHTS, 0);
        g.read(a, 1);
        assertThat(g.call("fd_renumber", a, b)).isEqualTo(ESUCCESS);
        assertThat(g.read(b, 5)).isEqualTo("bc");
        assertThat(g.readErrno(a)).isEqualTo(EBADF);
        assertThat(g.call("fd_renumber", b, 77)).isEqualTo(EBADF);
    }

    @Test
    void closeClosesEveryDescriptorAndIsIdempotent() throws Exception {
        Files.writeString(data.resolve("f"), "abc");
        int fd = g.open(ROOT, "f", 0, ALL_RIGHTS, 0);
        g.wasi.close();
        g.wasi.close();
        assertThat(g.readErrno(fd)).isEqualTo(EBADF);
        assertThatThrownBy(() -> g.open(ROOT, "f", 0, ALL_RIGHTS, 0))
                .isInstanceOfSatisfying(Guest.ErrnoResult.class, e -> assertThat(e.errno).isEqualTo(EBADF));
    }

    @Test
    void writesLandInTheRealDirectoryAndHostChangesAreSeen() throws Exception {
        int fd = g.open(ROOT, "live.txt", O_CREAT, ALL_RIGHTS, 0);
        g.write(fd, "from guest");
        assertThat(Files.readString(data.resolve("live.txt"), StandardCharsets.UTF_8)).isEqualTo("from guest");
        Files.writeString(data.resolve("host.txt"), "from host");
        int r = g.open(ROOT, "host.txt", 0, READ_ONLY, 0);
        assertThat(g.read(r, 50)).isEqualTo("from host");
    }
}
