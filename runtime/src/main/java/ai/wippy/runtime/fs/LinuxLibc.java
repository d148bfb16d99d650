package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library calls the JDK lacks: the {@code *at} family, relative to directory descriptors.
 * Direct-mapped through JNA (one JNI hop per call, errno captured into {@link LastErrorException}).
 * Only this class and {@link LinuxDirectory}/{@link LinuxFile} see JNA types.
 */
final class LinuxLibc {

    // x86-64 and AArch64 differ only in O_DIRECTORY and O_NOFOLLOW among the flags used here.
    static final boolean AARCH64 = Platform.isARM() && Platform.is64Bit();
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NOCTTY = 0400;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;

    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;
    static final int AT_EMPTY_PATH = 0x1000;

    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_BENEATH = 0x08;

    static final int STATX_BASIC_STATS = 0x7ff;
    static final int STATX_SIZE = 256;

    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;

    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;

    static final long SYS_OPENAT2 = 437; // the same number on x86-64 and AArch64
    static final int EAGAIN = 11;
    static final int EXDEV = 18;
    static final int ENOSYS = 38;
    static final int EINTR = 4;

    static {
        Native.register(LinuxLibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxLibc() {
    }

    static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    static native int renameat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath) throws LastErrorException;

    static native int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags)
            throws LastErrorException;

    static native int symlinkat(byte[] target, int newdirfd, byte[] linkpath) throws LastErrorException;

    static native long readlinkat(int dirfd, byte[] path, byte[] buf, long size) throws LastErrorException;

    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] statx) throws LastErrorException;

    static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

    static native int futimens(int fd, long[] times) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native long pread64(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long pwrite64(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long lseek64(int fd, long offset, int whence) throws LastErrorException;

    static native int ftruncate64(int fd, long length) throws LastErrorException;

    static native int fsync(int fd) throws LastErrorException;

    static native int fdatasync(int fd) throws LastErrorException;

    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    /** Returns an error number instead of setting errno. */
    static native int posix_fadvise(int fd, long offset, long len, int advice);

    /** Returns an error number instead of setting errno. */
    static native int posix_fallocate(int fd, long offset, long len);

    static native Pointer fdopendir(int fd) throws LastErrorException;

    static native Pointer readdir64(Pointer dir);

    static native int closedir(Pointer dir);

    /** {@code syscall(2)} is variadic, so it goes through JNA's interface mapping. */
    interface Syscall extends Library {
        Syscall INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Syscall.class);

        long syscall(long number, Object... args) throws LastErrorException;
    }

    /** {@code openat2(2)} (Linux 5.6+; glibc has no wrapper). {@code how} is {flags, mode, resolve}. */
    static int openat2(int dirfd, byte[] path, long flags, long mode, long resolve) {
        long[] how = {flags, mode, resolve};
        return (int) Syscall.INSTANCE.syscall(SYS_OPENAT2, dirfd, path, how, 24L);
    }
}
