package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;

/**
 * Confinement by the kernel: {@code openat2(2)} with {@code RESOLVE_BENEATH} refuses, atomically
 * with the lookup, every step ({@code ..}, an absolute or climbing link) that would leave the
 * starting directory (Linux 5.6+).
 */
final class Openat2Lookup implements PathLookup {

    /** The kernel answers EAGAIN when a rename raced with a {@code ..} lookup; it asks to retry. */
    private static final int RETRIES = 128;

    @Override
    public int open(int dirfd, String path, int flags, int mode, boolean followLast) {
        byte[] p = GuestPaths.cString(path);
        long f = flags | LinuxLibc.O_CLOEXEC | (followLast ? 0 : LinuxLibc.O_NOFOLLOW);
        long m = (flags & LinuxLibc.O_CREAT) != 0 ? mode : 0; // openat2 refuses a mode without O_CREAT
        for (int attempt = 0; ; attempt++) {
            try {
                return LinuxLibc.openat2(dirfd, p, f, m, LinuxLibc.RESOLVE_BENEATH | LinuxLibc.RESOLVE_NO_MAGICLINKS);
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if ((errno == LinuxLibc.EAGAIN || errno == LinuxLibc.EINTR) && attempt < RETRIES) {
                    continue;
                }
                if (errno == LinuxLibc.EXDEV) {
                    throw new FsException(FsError.PERM); // the lookup tried to leave the directory
                }
                throw LinuxDirectory.error(e);
            }
        }
    }

    @Override
    public String mechanism() {
        return "openat2(RESOLVE_BENEATH)";
    }

    /** Whether this kernel (and any seccomp filter around us) lets openat2 through. */
    static boolean available() {
        int root = -1;
        try {
            root = LinuxLibc.openat(-100, GuestPaths.cString("/"), LinuxLibc.O_PATH | LinuxLibc.O_DIRECTORY
                    | LinuxLibc.O_CLOEXEC, 0);
            int fd = LinuxLibc.openat2(root, GuestPaths.cString("."), LinuxLibc.O_PATH | LinuxLibc.O_CLOEXEC, 0,
                    LinuxLibc.RESOLVE_BENEATH);
            LinuxLibc.close(fd);
            return true;
        } catch (LastErrorException e) {
            return false;
        } finally {
            if (root >= 0) {
                LinuxLibc.close(root);
            }
        }
    }
}
