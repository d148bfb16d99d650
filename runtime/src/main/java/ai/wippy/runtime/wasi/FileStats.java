package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** A WASI {@code filestat} of a host object (never following a final link). */
record FileStats(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {

    static final FileStats CHARACTER_DEVICE =
            new FileStats(0, 0, WasiAbi.FILETYPE_CHARACTER_DEVICE, 1, 0, 0, 0, 0);

    static FileStats of(Path host) {
        try {
            BasicFileAttributes basic =
                    Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> unix = unixAttributes(host);
            long dev = unix == null ? 0 : ((Number) unix.get("dev")).longValue();
            long ino = unix == null ? 0 : ((Number) unix.get("ino")).longValue();
            long nlink = unix == null ? 1 : ((Number) unix.get("nlink")).longValue();
            int mode = unix == null ? 0 : ((Number) unix.get("mode")).intValue();
            long ctim = unix == null ? nanos(basic.lastModifiedTime()) : nanos((FileTime) unix.get("ctime"));
            return new FileStats(dev, ino, filetype(basic, mode), nlink, basic.size(),
                    nanos(basic.lastAccessTime()), nanos(basic.lastModifiedTime()), ctim);
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    static int filetypeOf(Path host) {
        BasicFileAttributes basic = PathResolver.lstatOrNull(host);
        if (basic == null) {
            return WasiAbi.FILETYPE_UNKNOWN;
        }
        return filetype(basic, basic.isOther() ? unixMode(host) : 0);
    }

    FileStats withSize(long newSize) {
        return new FileStats(dev, ino, filetype, nlink, newSize, atim, mtim, ctim);
    }

    void write(GuestMemory mem, int ptr) {
        mem.check(ptr, WasiAbi.FILESTAT_SIZE);
        mem.writeI64(ptr, dev);
        mem.writeI64(ptr + 8, ino);
        mem.writeI64(ptr + 16, 0);
        mem.writeU8(ptr + 16, filetype);
        mem.writeI64(ptr + 24, nlink);
        mem.writeI64(ptr + 32, size);
        mem.writeI64(ptr + 40, atim);
        mem.writeI64(ptr + 48, mtim);
        mem.writeI64(ptr + 56, ctim);
    }

    private static int filetype(BasicFileAttributes basic, int mode) {
        if (basic.isSymbolicLink()) {
            return WasiAbi.FILETYPE_SYMBOLIC_LINK;
        }
        if (basic.isDirectory()) {
            return WasiAbi.FILETYPE_DIRECTORY;
        }
        if (basic.isRegularFile()) {
            return WasiAbi.FILETYPE_REGULAR_FILE;
        }
        return switch (mode & 0170000) {
            case 0020000 -> WasiAbi.FILETYPE_CHARACTER_DEVICE;
            case 0060000 -> WasiAbi.FILETYPE_BLOCK_DEVICE;
            case 0140000 -> WasiAbi.FILETYPE_SOCKET_STREAM;
            default -> WasiAbi.FILETYPE_UNKNOWN;
        };
    }

    private static int unixMode(Path host) {
        Map<String, Object> unix = unixAttributes(host);
        return unix == null ? 0 : ((Number) unix.get("mode")).intValue();
    }

    // The "unix" view exists on Linux and macOS; elsewhere ino/dev/nlink are reported as unknown.
    private static Map<String, Object> unixAttributes(Path host) {
        try {
            return Files.readAttributes(host, "unix:dev,ino,nlink,mode,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static long nanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
