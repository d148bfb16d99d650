package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Confinement where {@code openat2} is missing (Linux before 5.6, or filtered by seccomp): the
 * path is walked one name at a time with {@code openat(O_PATH | O_NOFOLLOW)}, each step relative to
 * the descriptor of the directory before it, as cap-std does. Links are read and expanded here;
 * {@code ..} pops the stack of descriptors instead of asking the kernel for a parent, so it can
 * never climb above the starting directory. A directory swapped for a link between two steps is
 * seen as a link (O_NOFOLLOW), never followed by the kernel.
 */
final class WalkingLookup implements PathLookup {

    /** Links expanded in one lookup before ELOOP (Linux's own limit). */
    static final int MAX_LINKS = 40;
    /** Directories held open during one lookup; deeper paths fail with ENAMETOOLONG. */
    static final int MAX_DEPTH = 256;

    @Override
    public int open(int dirfd, String path, int flags, int mode, boolean followLast) {
        boolean trailingSlash = GuestPaths.hasTrailingSlash(path);
        Deque<String> pending = new ArrayDeque<>(GuestPaths.split(path));
        Deque<Integer> stack = new ArrayDeque<>(); // descriptors we opened; dirfd itself is never pushed
        int links = 0;
        try {
            while (true) {
                int top = stack.isEmpty() ? dirfd : stack.peek();
                if (pending.isEmpty()) {
                    // The path ended in "." or ".." (or a link led to the directory itself).
                    return openat(top, ".", flags, mode);
                }
                String name = pending.pollFirst();
                boolean last = pending.isEmpty();
                if (name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    if (stack.isEmpty()) {
                        throw new FsException(FsError.PERM);
                    }
                    close(stack.pop());
                    continue;
                }
                if (last && !followLast && !trailingSlash) {
                    return openat(top, name, flags | LinuxLibc.O_NOFOLLOW, mode);
                }
                int fd;
                try {
                    fd = openat(top, name, LinuxLibc.O_PATH | LinuxLibc.O_NOFOLLOW, 0);
                } catch (FsException e) {
                    if (last && e.error() == FsError.NOENT) {
                        // Nothing there: the final open creates it (or fails) without following anything.
                        return openat(top, trailingSlash ? name + "/" : name, flags | LinuxLibc.O_NOFOLLOW, mode);
                    }
                    throw e;
                }
                FileType type;
                try {
                    type = LinuxStat.of(fd).type();
                } catch (FsException e) {
                    close(fd);
                    throw e;
                }
                if (type == FileType.SYMBOLIC_LINK) {
                    String target;
                    try {
                        target = readLink(fd);
                    } finally {
                        close(fd);
                    }
                    if (++links > MAX_LINKS) {
                        throw new FsException(FsError.LOOP);
                    }
                    if (target.isEmpty()) {
                        throw new FsException(FsError.NOENT);
                    }
                    if (target.charAt(0) == '/') {
                        throw new FsException(FsError.PERM);
                    }
                    List<String> names = GuestPaths.split(target);
                    if (last && trailingSlash) {
                        pending.addFirst(".");
                    }
                    for (int i = names.size() - 1; i >= 0; i--) {
                        pending.addFirst(names.get(i));
                    }
                    if (pending.isEmpty()) {
                        pending.add(".");
                    }
                    continue;
                }
                if (last) {
                    close(fd);
                    // O_NOFOLLOW: if the name became a link since we looked, the open fails (ELOOP)
                    // instead of following it.
                    return openat(top, trailingSlash ? name + "/" : name, flags | LinuxLibc.O_NOFOLLOW, mode);
                }
                if (type != FileType.DIRECTORY) {
                    close(fd);
                    throw new FsException(FsError.NOTDIR);
                }
                if (stack.size() >= MAX_DEPTH) {
                    close(fd);
                    throw new FsException(FsError.NAMETOOLONG);
                }
                stack.push(fd);
            }
        } finally {
            while (!stack.isEmpty()) {
                close(stack.pop());
            }
        }
    }

    @Override
    public String mechanism() {
        return "openat(O_NOFOLLOW) per component";
    }

    private static int openat(int dirfd, String name, int flags, int mode) {
        try {
            return LinuxLibc.openat(dirfd, GuestPaths.cString(name), flags | LinuxLibc.O_CLOEXEC,
                    (flags & LinuxLibc.O_CREAT) != 0 ? mode : 0);
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
    }

    private static String readLink(int fd) {
        byte[] buf = new byte[4097];
        try {
            long n = LinuxLibc.readlinkat(fd, new byte[] {0}, buf, buf.length);
            if (n >= buf.length) {
                throw new FsException(FsError.NAMETOOLONG);
            }
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
    }

    private static void close(int fd) {
        try {
            LinuxLibc.close(fd);
        } catch (LastErrorException e) {
            // an O_PATH descriptor has nothing to flush
        }
    }
}
