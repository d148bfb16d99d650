package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only mount: every mutation fails with EROFS (69), reads work, the host is unchanged. */
class WasiReadOnlyMountTest implements Witx {

    private static final int ROOT = 3;

    @TempDir
    Path tmp;

    @Test
    void everyMutationFailsWithErofsAndReadsWork() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("file.txt"), "original");
        Files.createDirectory(ro.resolve("dir"));
        Files.createDirectory(ro.resolve("empty"));
        Files.setLastModifiedTime(ro.resolve("file.txt"), FileTime.fromMillis(1_000_000_000_000L));
        Map<String, String> before = snapshot(ro);
        try (Guest g = Guest.probe(WasiOptions.builder().mounts(List.of(new WasiMount("/ro", ro, true))))) {
            assertThat(g.openErrno(ROOT, 0, "new.txt", O_CREAT, ALL_RIGHTS, 0)).isEqualTo(EROFS);
            assertThat(g.openErrno(ROOT, 0, "new.txt", O_CREAT, READ_ONLY, 0)).isEqualTo(EROFS);
            assertThat(g.openErrno(ROOT, 0, "file.txt", 0, ALL_RIGHTS, 0)).isEqualTo(EROFS);
            assertThat(g.openErrno(ROOT, 0, "file.txt", O_TRUNC, READ_ONLY, 0)).isEqualTo(EROFS);
            assertThat(g.openErrno(ROOT, 0, "file.txt", 0, READ_ONLY, FDFLAG_APPEND)).isEqualTo(EROFS);
            assertThat(g.pathCall("path_create_directory", ROOT, "newdir")).isEqualTo(EROFS);
            assertThat(g.pathCall("path_remove_directory", ROOT, "empty")).isEqualTo(EROFS);
            assertThat(g.pathCall("path_unlink_file", ROOT, "file.txt")).isEqualTo(EROFS);
            int a = g.put("file.txt");
            int b = g.put("moved.txt");
            assertThat(g.call("path_rename", ROOT, a, 8, ROOT, b, 9)).isEqualTo(EROFS);
            assertThat(g.call("path_link", ROOT, 0, a, 8, ROOT, b, 9)).isEqualTo(EROFS);
            assertThat(g.call("path_symlink", a, 8, ROOT, b, 9)).isEqualTo(EROFS);
            assertThat(g.call("path_filestat_set_times", ROOT, 0, a, 8, 0, 0, 8)).isEqualTo(EROFS);

            // a descriptor opened for reading cannot be used to change the file either
            int fd = g.open(ROOT, "file.txt", 0, READ_ONLY | RIGHT_FD_WRITE & 0, 0);
            assertThat(g.read(fd, 100)).isEqualTo("original");
            assertThat(g.call("fd_filestat_set_times", fd, 0, 0, 8)).isEqualTo(EROFS);
            assertThat(g.call("fd_fdstat_set_flags", fd, FDFLAG_APPEND)).isEqualTo(EROFS);
            int dir = g.open(ROOT, "dir", O_DIRECTORY, READ_ONLY, 0);
            assertThat(g.openErrno(dir, 0, "x", O_CREAT, READ_ONLY, 0)).isEqualTo(EROFS);
            assertThat(g.call("fd_readdir", ROOT, g.alloc(512), 512, 0, g.alloc(4))).isEqualTo(ESUCCESS);
        }
        assertThat(snapshot(ro)).isEqualTo(before);
    }

    @Test
    void descriptorsWithWriteRightsAreNeverHandedOut() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("file.txt"), "original");
        try (Guest g = Guest.probe(WasiOptions.builder().mounts(List.of(new WasiMount("/ro", ro, true))))) {
            // wasi-libc's O_RDWR asks for FD_WRITE: refused up front, so no fd can write later
            assertThat(g.openErrno(ROOT, 0, "file.txt", 0, READ_ONLY | RIGHT_FD_WRITE, 0)).isEqualTo(EROFS);
        }
        assertThat(Files.readString(ro.resolve("file.txt"))).isEqualTo("original");
    }

    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String content = Files.isRegularFile(p) ? Files.readString(p) : "<dir>";
                out.put(root.relativize(p).toString(), content + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }
}
