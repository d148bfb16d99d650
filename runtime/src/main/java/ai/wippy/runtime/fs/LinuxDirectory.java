package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory held by a host descriptor. Every path goes through the mount's {@link PathLookup}
 * (kernel-confined); operations on a last name use the {@code *at} call on the descriptor of the
 * directory holding it, so no full host path is ever built or resolved.
 */
final class LinuxDirectory implements ConfinedDirectory {

    private static final int DIR_MODE = 0777;
    private static final int FILE_MODE = 0666;
    private static final byte[] EMPTY = {0};

    private final LinuxMount mount;
    private final AtomicInteger fd;

    /** Takes ownership of {@code fd}, which the budget already counts. */
    LinuxDirectory(LinuxMount mount, int fd) {
        this.mount = mount;
        this.fd = new AtomicInteger(fd);
    }

    static FsException error(LastErrorException e) {
        return new FsException(FsError.ofLinuxErrno(e.getErrorCode()));
    }

    private int fd() {
        int f = fd.get();
        if (f < 0) {
            throw new FsException(FsError.BADF);
        }
        return f;
    }

    @Override
    public boolean readOnly() {
        return mount.readOnly();
    }

    @Override
    public boolean isMountRoot() {
        return mount.isRoot(stat());
    }

    private void requireWritable() {
        if (mount.readOnly()) {
            throw new FsException(FsError.ROFS);
        }
    }

    @Override
    public FileStat stat() {
        return LinuxStat.of(fd());
    }

    @Override
    public FileStat stat(String path, boolean follow) {
        GuestPaths.requireRelative(path);
        int t = mount.lookup().open(fd(), path, LinuxLibc.O_PATH, 0, follow);
        try {
            return LinuxStat.of(t);
        } finally {
            closeQuietly(t);
        }
    }

    @Override
    public ConfinedDirectory openDirectory(String path, boolean follow) {
        GuestPaths.requireRelative(path);
        mount.budget().acquire();
        try {
            return new LinuxDirectory(mount, openDirectoryFd(path, follow));
        } catch (RuntimeException e) {
            mount.budget().release();
            throw e;
        }
    }

    private int openDirectoryFd(String path, boolean follow) {
        try {
            return mount.lookup().open(fd(), path, LinuxLibc.O_RDONLY | LinuxLibc.O_DIRECTORY, 0, follow);
        } catch (FsException e) {
            if (e.error() != FsError.ACCES) {
                throw e;
            }
            // A directory one may search but not read: hold it by O_PATH (listing it then fails).
            return mount.lookup().open(fd(), path, LinuxLibc.O_PATH | LinuxLibc.O_DIRECTORY, 0, follow);
        }
    }

    @Override
    public Opened open(String path, OpenOptions o) {
        GuestPaths.requireRelative(path);
        boolean create = o.create();
        if (mount.readOnly()) {
            if (o.writes()) {
                // Still report a missing file or an escape before the read-only refusal.
                statOrNull(path, o.follow());
                throw new FsException(FsError.ROFS);
            }
            if (create) {
                FileStat existing = statOrNull(path, o.follow());
                if (existing == null) {
                    throw new FsException(FsError.ROFS);
                }
                if (o.exclusive()) {
                    throw new FsException(FsError.EXIST);
                }
                create = false; // nothing is ever created on a read-only mount, not even in a race
            }
        }
        int flags = (o.write() || o.truncate() || o.append()) ? (o.read() ? LinuxLibc.O_RDWR : LinuxLibc.O_WRONLY)
                : LinuxLibc.O_RDONLY;
        if (o.append()) {
            flags |= LinuxLibc.O_APPEND;
        }
        if (create) {
            flags |= LinuxLibc.O_CREAT;
            if (o.exclusive()) {
                flags |= LinuxLibc.O_EXCL;
            }
        }
        if (o.truncate()) {
            flags |= LinuxLibc.O_TRUNC;
        }
        if (o.directory()) {
            flags |= LinuxLibc.O_DIRECTORY;
        }
        // O_NONBLOCK: opening a FIFO someone put in the mount must not block the guest's thread.
        flags |= LinuxLibc.O_NONBLOCK | LinuxLibc.O_NOCTTY;
        mount.budget().acquire();
        int t;
        try {
            t = mount.lookup().open(fd(), path, flags, FILE_MODE, o.follow());
        } catch (RuntimeException e) {
            mount.budget().release();
            throw e;
        }
        FileType type;
        try {
            type = LinuxStat.of(t).type();
        } catch (RuntimeException e) {
            closeQuietly(t);
            mount.budget().release();
            throw e;
        }
        if (type == FileType.DIRECTORY) {
            return new Opened(null, new LinuxDirectory(mount, t));
        }
        if (type != FileType.REGULAR_FILE) {
            closeQuietly(t);
            mount.budget().release();
            throw new FsException(FsError.NOTSUP);
        }
        return new Opened(new LinuxFile(t, mount.readOnly(), o.append(), mount.budget()), null);
    }

    private FileStat statOrNull(String path, boolean follow) {
        try {
            return stat(path, follow);
        } catch (FsException e) {
            if (e.error() == FsError.NOENT) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public List<DirEntry> list() {
        int t;
        try {
            t = LinuxLibc.openat(fd(), GuestPaths.cString("."), LinuxLibc.O_RDONLY | LinuxLibc.O_DIRECTORY
                    | LinuxLibc.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw error(e);
        }
        Pointer dir;
        try {
            dir = LinuxLibc.fdopendir(t);
        } catch (LastErrorException e) {
            closeQuietly(t);
            throw error(e);
        }
        List<DirEntry> entries = new ArrayList<>();
        try {
            for (Pointer d = LinuxLibc.readdir64(dir); d != null; d = LinuxLibc.readdir64(dir)) {
                // struct dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name[]
                byte[] nameBytes = nulTerminated(d, 19);
                String name = new String(nameBytes, StandardCharsets.UTF_8);
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                byte[] cName = new byte[nameBytes.length + 1];
                System.arraycopy(nameBytes, 0, cName, 0, nameBytes.length);
                try {
                    // stat, not d_ino/d_type: on overlay filesystems those can differ from what stat says
                    FileStat s = LinuxStat.ofName(t, cName);
                    entries.add(new DirEntry(name, s.ino(), s.type()));
                } catch (FsException gone) {
                    // removed while we listed
                }
            }
        } finally {
            LinuxLibc.closedir(dir);
        }
        entries.sort(Comparator.comparing(DirEntry::name));
        return entries;
    }

    private static byte[] nulTerminated(Pointer p, long offset) {
        int n = 0;
        while (n < 256 && p.getByte(offset + n) != 0) {
            n++;
        }
        return p.getByteArray(offset, n);
    }

    @Override
    public void createDirectory(String path) {
        requireWritable();
        GuestPaths.requireRelative(path);
        GuestPaths.Split s = GuestPaths.splitLast(path);
        if (s.dotOrDotDot()) {
            requireConfinedDirectory(path);
            throw new FsException(FsError.EXIST);
        }
        try (Parent p = parent(s)) {
            LinuxLibc.mkdirat(p.fd, GuestPaths.cString(s.name()), DIR_MODE);
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void removeDirectory(String path) {
        requireWritable();
        GuestPaths.requireRelative(path);
        GuestPaths.Split s = GuestPaths.splitLast(path);
        if (s.dotOrDotDot()) {
            throw new FsException(requireConfinedDirectory(path) ? FsError.BUSY : FsError.INVAL);
        }
        try (Parent p = parent(s)) {
            LinuxLibc.unlinkat(p.fd, GuestPaths.cString(s.name()), LinuxLibc.AT_REMOVEDIR);
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void unlinkFile(String path) {
        requireWritable();
        GuestPaths.requireRelative(path);
        GuestPaths.Split s = GuestPaths.splitLast(path);
        if (s.dotOrDotDot()) {
            requireConfinedDirectory(path);
            throw new FsException(FsError.ISDIR);
        }
        try (Parent p = parent(s)) {
            LinuxLibc.unlinkat(p.fd, GuestPaths.cString(s.name()), 0);
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void rename(String from, ConfinedDirectory target, String to) {
        LinuxDirectory dest = sameKind(target);
        requireWritable();
        dest.requireWritable();
        GuestPaths.requireRelative(from);
        GuestPaths.requireRelative(to);
        GuestPaths.Split src = GuestPaths.splitLast(from);
        GuestPaths.Split dst = GuestPaths.splitLast(to);
        if (src.dotOrDotDot() || dst.dotOrDotDot()) {
            boolean root = src.dotOrDotDot() && requireConfinedDirectory(from);
            root |= dst.dotOrDotDot() && dest.requireConfinedDirectory(to);
            throw new FsException(root ? FsError.BUSY : FsError.INVAL);
        }
        try (Parent ps = parent(src); Parent pd = dest.parent(dst)) {
            byte[] name = GuestPaths.cString(src.name());
            requireMovableLink(ps.fd, name);
            LinuxLibc.renameat(ps.fd, name, pd.fd, GuestPaths.cString(dst.name()));
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void link(String from, boolean follow, ConfinedDirectory target, String to) {
        LinuxDirectory dest = sameKind(target);
        requireWritable();
        dest.requireWritable();
        GuestPaths.requireRelative(from);
        GuestPaths.requireRelative(to);
        GuestPaths.Split dst = GuestPaths.splitLast(to);
        if (dst.dotOrDotDot()) {
            dest.requireConfinedDirectory(to);
            throw new FsException(FsError.EXIST);
        }
        if (follow) {
            int src = mount.lookup().open(fd(), from, LinuxLibc.O_PATH, 0, true);
            try (Parent pd = dest.parent(dst)) {
                if (LinuxStat.of(src).type() == FileType.DIRECTORY) {
                    throw new FsException(FsError.PERM);
                }
                // Link the very object the confined lookup found, through its descriptor.
                LinuxLibc.linkat(-100, GuestPaths.cString("/proc/self/fd/" + src), pd.fd,
                        GuestPaths.cString(dst.name()), 0x400 /* AT_SYMLINK_FOLLOW */);
            } catch (LastErrorException e) {
                throw error(e);
            } finally {
                closeQuietly(src);
            }
            return;
        }
        GuestPaths.Split s = GuestPaths.splitLast(from);
        if (s.dotOrDotDot()) {
            requireConfinedDirectory(from);
            throw new FsException(FsError.PERM);
        }
        try (Parent ps = parent(s); Parent pd = dest.parent(dst)) {
            byte[] name = GuestPaths.cString(s.name());
            requireMovableLink(ps.fd, name);
            LinuxLibc.linkat(ps.fd, name, pd.fd, GuestPaths.cString(dst.name()), 0);
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void symlink(String target, String path) {
        requireWritable();
        GuestPaths.requireRelative(path);
        GuestPaths.requireContainedLinkTarget(target);
        GuestPaths.Split s = GuestPaths.splitLast(path);
        if (s.dotOrDotDot()) {
            requireConfinedDirectory(path);
            throw new FsException(FsError.EXIST);
        }
        try (Parent p = parent(s)) {
            LinuxLibc.symlinkat(GuestPaths.cString(target), p.fd, GuestPaths.cString(s.name()));
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public String readLink(String path) {
        GuestPaths.requireRelative(path);
        GuestPaths.Split s = GuestPaths.splitLast(path);
        if (s.dotOrDotDot()) {
            requireConfinedDirectory(path);
            throw new FsException(FsError.INVAL);
        }
        try (Parent p = parent(s)) {
            return readLinkAt(p.fd, GuestPaths.cString(s.name()));
        }
    }

    private static String readLinkAt(int dirfd, byte[] name) {
        byte[] buf = new byte[4097];
        try {
            long n = LinuxLibc.readlinkat(dirfd, name, buf, buf.length);
            if (n >= buf.length) {
                throw new FsException(FsError.NAMETOOLONG);
            }
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw error(e);
        }
    }

    @Override
    public void setTimes(TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        setTimesOfDescriptor(fd(), access, modification);
    }

    @Override
    public void setTimes(String path, boolean follow, TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        GuestPaths.requireRelative(path);
        if (!follow) {
            GuestPaths.Split s = GuestPaths.splitLast(path);
            if (!s.dotOrDotDot() && !s.trailingSlash()) {
                try (Parent p = parent(s)) {
                    LinuxLibc.utimensat(p.fd, GuestPaths.cString(s.name()), times(access, modification),
                            LinuxLibc.AT_SYMLINK_NOFOLLOW);
                    return;
                } catch (LastErrorException e) {
                    throw error(e);
                }
            }
        }
        int t = mount.lookup().open(fd(), path, LinuxLibc.O_PATH, 0, follow);
        try {
            setTimesOfDescriptor(t, access, modification);
        } finally {
            closeQuietly(t);
        }
    }

    /** Works for O_PATH descriptors too: through the descriptor's own /proc entry, never a name. */
    static void setTimesOfDescriptor(int fd, TimeUpdate access, TimeUpdate modification) {
        long[] times = times(access, modification);
        try {
            LinuxLibc.futimens(fd, times);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != 9 /* EBADF: an O_PATH descriptor */) {
                throw error(e);
            }
            try {
                LinuxLibc.utimensat(-100, GuestPaths.cString("/proc/self/fd/" + fd), times, 0);
            } catch (LastErrorException e2) {
                throw error(e2);
            }
        }
    }

    static long[] times(TimeUpdate access, TimeUpdate modification) {
        long[] t = new long[4];
        put(t, 0, access);
        put(t, 2, modification);
        return t;
    }

    private static void put(long[] t, int at, TimeUpdate u) {
        switch (u.kind()) {
            case KEEP -> t[at + 1] = LinuxLibc.UTIME_OMIT;
            case NOW -> t[at + 1] = LinuxLibc.UTIME_NOW;
            case SET -> {
                t[at] = Math.floorDiv(u.nanos(), 1_000_000_000L);
                t[at + 1] = Math.floorMod(u.nanos(), 1_000_000_000L);
            }
        }
    }

    @Override
    public void close() {
        int f = fd.getAndSet(-1);
        if (f >= 0) {
            closeQuietly(f);
            mount.budget().release();
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A link the guest did not make itself (it came with the mount) may point up with {@code ..};
     * moving or linking it elsewhere could make it point out of the mount, so that is refused.
     */
    private static void requireMovableLink(int dirfd, byte[] name) {
        FileStat st;
        try {
            st = LinuxStat.ofName(dirfd, name);
        } catch (FsException e) {
            return; // let the rename itself report it
        }
        if (st.type() == FileType.SYMBOLIC_LINK && !GuestPaths.isContainedLinkTarget(readLinkAt(dirfd, name))) {
            throw new FsException(FsError.PERM);
        }
    }

    /** Resolves {@code path} as a directory (so escapes still fail); true if it is the mount root. */
    private boolean requireConfinedDirectory(String path) {
        int t = mount.lookup().open(fd(), path, LinuxLibc.O_PATH | LinuxLibc.O_DIRECTORY, 0, true);
        try {
            return mount.isRoot(LinuxStat.of(t));
        } finally {
            closeQuietly(t);
        }
    }

    private LinuxDirectory sameKind(ConfinedDirectory other) {
        if (other instanceof LinuxDirectory d) {
            return d;
        }
        throw new FsException(FsError.XDEV);
    }

    /** The directory holding a path's last name, opened through the confined lookup. */
    private Parent parent(GuestPaths.Split s) {
        if (s.parent().isEmpty()) {
            return new Parent(fd(), false);
        }
        return new Parent(mount.lookup().open(fd(), s.parent(), LinuxLibc.O_PATH | LinuxLibc.O_DIRECTORY, 0, true),
                true);
    }

    private static final class Parent implements AutoCloseable {
        final int fd;
        private final boolean owned;

        Parent(int fd, boolean owned) {
            this.fd = fd;
            this.owned = owned;
        }

        @Override
        public void close() {
            if (owned) {
                closeQuietly(fd);
            }
        }
    }

    static void closeQuietly(int fd) {
        try {
            LinuxLibc.close(fd);
        } catch (LastErrorException e) {
            // nothing to recover: the descriptor is gone either way
        }
    }
}
