package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code statx(2)} and the decoding of its fixed, architecture-independent layout. */
final class LinuxStat {

    private static final byte[] EMPTY = {0};

    private LinuxStat() {
    }

    /** The object {@code fd} refers to (an {@code O_PATH} descriptor of a link: the link). */
    static FileStat of(int fd) {
        return at(fd, EMPTY, LinuxLibc.AT_EMPTY_PATH | LinuxLibc.AT_SYMLINK_NOFOLLOW);
    }

    /** A name directly in the directory {@code dirfd}, never following a link. */
    static FileStat ofName(int dirfd, byte[] name) {
        return at(dirfd, name, LinuxLibc.AT_SYMLINK_NOFOLLOW);
    }

    private static FileStat at(int dirfd, byte[] path, int flags) {
        byte[] buf = new byte[LinuxLibc.STATX_SIZE];
        try {
            LinuxLibc.statx(dirfd, path, flags, LinuxLibc.STATX_BASIC_STATS, buf);
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        long nlink = Integer.toUnsignedLong(b.getInt(16));
        int mode = Short.toUnsignedInt(b.getShort(28));
        long ino = b.getLong(32);
        long size = b.getLong(40);
        long atime = nanos(b, 64);
        long ctime = nanos(b, 96);
        long mtime = nanos(b, 112);
        long dev = makedev(Integer.toUnsignedLong(b.getInt(136)), Integer.toUnsignedLong(b.getInt(140)));
        return new FileStat(dev, ino, FileType.ofMode(mode), nlink, size, atime, mtime, ctime);
    }

    private static long nanos(ByteBuffer b, int at) {
        return b.getLong(at) * 1_000_000_000L + Integer.toUnsignedLong(b.getInt(at + 8));
    }

    /** glibc's {@code makedev}, so the number is the {@code st_dev} other tools show. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }
}
