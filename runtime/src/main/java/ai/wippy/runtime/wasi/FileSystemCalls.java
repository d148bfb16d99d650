package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.Advice;
import ai.wippy.runtime.fs.ConfinedDirectory;
import ai.wippy.runtime.fs.ConfinedFile;
import ai.wippy.runtime.fs.DirEntry;
import ai.wippy.runtime.fs.FileStat;
import ai.wippy.runtime.fs.FsError;
import ai.wippy.runtime.fs.FsException;
import ai.wippy.runtime.fs.OpenOptions;
import ai.wippy.runtime.fs.TimeUpdate;
import ai.wippy.runtime.fs.Whence;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code fd_*} and {@code path_*} calls of WASI preview 1 over a {@link DescriptorTable}:
 * rights, WASI's flag encodings and errno choices live here; everything that touches the host goes
 * through the confined filesystem layer ({@code ai.wippy.runtime.fs}). Every method returns normally
 * on success and throws {@link WasiError} (or {@link FsException}) with the errno otherwise.
 *
 * <p>Reads and writes move at most {@link #CHUNK} bytes at a time between guest memory and the
 * host and check for interruption between chunks, so one call on a huge buffer neither copies it
 * whole nor outlives the process's deadline; a read or write may return a short count, as POSIX
 * allows.
 */
final class FileSystemCalls {

    /** Bytes moved between guest memory and a file per host call. */
    static final int CHUNK = 64 * 1024;
    /** Bytes one fd_read/fd_write/fd_pread/fd_pwrite transfers at most (a short count beyond). */
    static final int MAX_PER_CALL = 16 * 1024 * 1024;

    private final DescriptorTable fds;
    private final WasiClock clock;

    FileSystemCalls(DescriptorTable fds, WasiClock clock) {
        this.fds = fds;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- descriptors

    void fdClose(int fd) {
        fds.close(fd);
    }

    void fdRenumber(int from, int to) {
        fds.renumber(from, to);
    }

    void fdFdstatGet(GuestMemory mem, int fd, int ptr) {
        Descriptor d = fds.get(fd);
        mem.check(ptr, WasiAbi.FDSTAT_SIZE);
        mem.writeI64(ptr, 0);
        mem.writeU8(ptr, d.filetype());
        mem.writeU16(ptr + 2, d.fdflags());
        mem.writeI64(ptr + 8, d.rightsBase());
        mem.writeI64(ptr + 16, d.rightsInheriting());
    }

    void fdFdstatSetFlags(int fd, int flags) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        if ((flags & ~WasiAbi.FDFLAGS_ALL) != 0) {
            throw new WasiError(Errno.INVAL);
        }
        if (d instanceof FileDescriptor f) {
            boolean append = (flags & WasiAbi.FDFLAGS_APPEND) != 0;
            if (append != f.file().append()) {
                f.file().setAppend(append);
            }
        }
        d.setFdflags(flags);
    }

    void fdFdstatSetRights(int fd, long base, long inheriting) {
        fds.get(fd).restrictRights(base, inheriting);
    }

    void fdPrestatGet(GuestMemory mem, int fd, int ptr) {
        String name = preopenName(fd);
        mem.check(ptr, 8);
        mem.writeI32(ptr, 0);
        mem.writeU8(ptr, WasiAbi.PREOPENTYPE_DIR);
        mem.writeI32(ptr + 4, name.getBytes(StandardCharsets.UTF_8).length);
    }

    void fdPrestatDirName(GuestMemory mem, int fd, int ptr, int len) {
        byte[] name = preopenName(fd).getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(len) < name.length) {
            throw new WasiError(Errno.NAMETOOLONG);
        }
        mem.write(ptr, name);
    }

    private String preopenName(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof DirectoryDescriptor dir && dir.preopenName() != null) {
            return dir.preopenName();
        }
        throw new WasiError(Errno.BADF);
    }

    // ---------------------------------------------------------------- reading and writing

    long fdRead(GuestMemory mem, int fd, IoVectors iovs) {
        Descriptor d = readable(fd, Rights.FD_READ);
        if (d instanceof StreamDescriptor s) {
            return readStdin(mem, s, iovs);
        }
        return readFile(mem, ((FileDescriptor) d).file(), iovs, -1);
    }

    long fdPread(GuestMemory mem, int fd, IoVectors iovs, long offset) {
        Descriptor d = readable(fd, Rights.FD_READ | Rights.FD_SEEK);
        if (!(d instanceof FileDescriptor f)) {
            throw new WasiError(Errno.SPIPE);
        }
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        return readFile(mem, f.file(), iovs, offset);
    }

    private Descriptor readable(int fd, long rights) {
        Descriptor d = fds.get(fd);
        if (d instanceof DirectoryDescriptor) {
            throw new WasiError(Errno.ISDIR);
        }
        if (d instanceof StreamDescriptor s && !s.isInput()) {
            throw new WasiError(Errno.BADF);
        }
        d.require(d instanceof StreamDescriptor ? Rights.FD_READ : rights);
        return d;
    }

    private int readStdin(GuestMemory mem, StreamDescriptor s, IoVectors iovs) {
        int total = 0;
        for (IoVectors.Buffer b : iovs.buffers()) {
            // Block only for the first byte; then take what is already there, as read(2) does.
            if (total > 0 && s.input().buffered() == 0) {
                break;
            }
            byte[] buf = new byte[Math.min(b.length(), 65536)];
            int n = s.input().read(buf, 0, buf.length);
            if (n == 0) {
                break;
            }
            mem.write(b.ptr(), buf, 0, n);
            total += n;
            if (n < b.length()) {
                break;
            }
        }
        return total;
    }

    /** Reads into the buffers in order, chunk by chunk, until a short read; {@code position} < 0: the file's. */
    private static int readFile(GuestMemory mem, ConfinedFile file, IoVectors iovs, long position) {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, iovs.totalLength()))];
        int total = 0;
        for (IoVectors.Buffer b : iovs.buffers()) {
            int done = 0;
            while (done < b.length() && total < MAX_PER_CALL) {
                if (total > 0) {
                    checkInterrupted();
                }
                int want = Math.min(chunk.length, Math.min(b.length() - done, MAX_PER_CALL - total));
                int n = position < 0 ? file.read(chunk, 0, want) : file.read(chunk, 0, want, position + total);
                if (n <= 0) {
                    return total;
                }
                mem.write(GuestMemory.offset(b.ptr(), done), chunk, 0, n);
                done += n;
                total += n;
                if (n < want) {
                    return total;
                }
            }
        }
        return total;
    }

    long fdWrite(GuestMemory mem, int fd, IoVectors iovs) {
        Descriptor d = writable(fd, Rights.FD_WRITE);
        if (d instanceof StreamDescriptor s) {
            return s.write(mem, iovs);
        }
        FileDescriptor f = (FileDescriptor) d;
        long written = writeFile(mem, f.file(), iovs, -1);
        syncIfAsked(f);
        return written;
    }

    long fdPwrite(GuestMemory mem, int fd, IoVectors iovs, long offset) {
        Descriptor d = writable(fd, Rights.FD_WRITE | Rights.FD_SEEK);
        if (!(d instanceof FileDescriptor f)) {
            throw new WasiError(Errno.SPIPE);
        }
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        long written = writeFile(mem, f.file(), iovs, offset);
        syncIfAsked(f);
        return written;
    }

    private Descriptor writable(int fd, long rights) {
        Descriptor d = fds.get(fd);
        if (d instanceof DirectoryDescriptor) {
            throw new WasiError(Errno.ISDIR);
        }
        if (d instanceof StreamDescriptor s) {
            if (s.isInput()) {
                throw new WasiError(Errno.BADF);
            }
            d.require(Rights.FD_WRITE);
            return d;
        }
        d.require(rights);
        if (((FileDescriptor) d).file().readOnly()) {
            throw new WasiError(Errno.ROFS);
        }
        return d;
    }

    private static int writeFile(GuestMemory mem, ConfinedFile file, IoVectors iovs, long position) {
        int total = 0;
        for (IoVectors.Buffer b : iovs.buffers()) {
            int done = 0;
            while (done < b.length() && total < MAX_PER_CALL) {
                if (total > 0) {
                    checkInterrupted();
                }
                int want = Math.min(CHUNK, Math.min(b.length() - done, MAX_PER_CALL - total));
                byte[] chunk = mem.read(GuestMemory.offset(b.ptr(), done), want);
                int n = position < 0 ? file.write(chunk, 0, want) : file.write(chunk, 0, want, position + total);
                done += n;
                total += n;
                if (n < want) {
                    return total; // the disk is full or the file at its limit: report what was written
                }
            }
        }
        return total;
    }

    private static void syncIfAsked(FileDescriptor f) {
        if ((f.fdflags() & (WasiAbi.FDFLAGS_SYNC | WasiAbi.FDFLAGS_DSYNC)) != 0) {
            f.file().sync((f.fdflags() & WasiAbi.FDFLAGS_SYNC) != 0);
        }
    }

    /** Between chunks of one host call: a terminated or timed-out guest stops here. */
    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new GuestInterruptedException();
        }
    }

    long fdSeek(int fd, long offset, int whence) {
        FileDescriptor f = seekable(fd);
        // Like wasmtime: asking for the current position needs only FD_TELL.
        f.require(offset == 0 && whence == WasiAbi.WHENCE_CUR ? Rights.FD_TELL : Rights.FD_SEEK);
        Whence w = switch (whence) {
            case WasiAbi.WHENCE_SET -> Whence.SET;
            case WasiAbi.WHENCE_CUR -> Whence.CURRENT;
            case WasiAbi.WHENCE_END -> Whence.END;
            default -> throw new WasiError(Errno.INVAL);
        };
        return f.file().seek(offset, w);
    }

    long fdTell(int fd) {
        FileDescriptor f = seekable(fd);
        f.require(Rights.FD_TELL);
        return f.file().position();
    }

    private FileDescriptor seekable(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.SPIPE);
        }
        if (d instanceof DirectoryDescriptor) {
            throw new WasiError(Errno.BADF);
        }
        return (FileDescriptor) d;
    }

    void fdAdvise(int fd, long offset, long len, int advice) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_ADVISE);
        Advice a = switch (advice) {
            case 0 -> Advice.NORMAL;
            case 1 -> Advice.SEQUENTIAL;
            case 2 -> Advice.RANDOM;
            case 3 -> Advice.WILL_NEED;
            case 4 -> Advice.DONT_NEED;
            case 5 -> Advice.NO_REUSE;
            default -> throw new WasiError(Errno.INVAL);
        };
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.SPIPE);
        }
        if (offset < 0 || len < 0) {
            throw new WasiError(Errno.INVAL);
        }
        if (d instanceof FileDescriptor f) {
            f.file().advise(offset, len, a);
        }
    }

    void fdAllocate(int fd, long offset, long len) {
        FileDescriptor f = regularFile(fd);
        f.require(Rights.FD_ALLOCATE);
        if (offset < 0 || len < 0) {
            throw new WasiError(Errno.INVAL);
        }
        try {
            Math.addExact(offset, len);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.FBIG);
        }
        if (f.file().readOnly()) {
            throw new WasiError(Errno.ROFS);
        }
        f.file().allocate(offset, len);
    }

    void fdDatasync(int fd) {
        sync(fd, Rights.FD_DATASYNC, false);
    }

    void fdSync(int fd) {
        sync(fd, Rights.FD_SYNC, true);
    }

    private void sync(int fd, long right, boolean metadata) {
        Descriptor d = fds.get(fd);
        d.require(right);
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.INVAL);
        }
        if (d instanceof FileDescriptor f) {
            f.file().sync(metadata);
        }
    }

    void fdFilestatGet(GuestMemory mem, int fd, int ptr) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET);
        FileStats stats;
        if (d instanceof StreamDescriptor) {
            stats = FileStats.CHARACTER_DEVICE;
        } else if (d instanceof DirectoryDescriptor dir) {
            stats = FileStats.of(selfStat(dir));
        } else {
            stats = FileStats.of(((FileDescriptor) d).file().stat());
        }
        stats.write(mem, ptr);
    }

    private static FileStat selfStat(DirectoryDescriptor dir) {
        return dir.self().isEmpty() ? dir.dir().stat() : dir.dir().stat(dir.self(), true);
    }

    void fdFilestatSetSize(int fd, long size) {
        FileDescriptor f = regularFile(fd);
        f.require(Rights.FD_FILESTAT_SET_SIZE);
        if (size < 0) {
            throw new WasiError(Errno.INVAL);
        }
        f.file().setSize(size);
    }

    void fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        checkTimeFlags(fstflags);
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.BADF);
        }
        TimeUpdate access = access(atim, fstflags);
        TimeUpdate modification = modification(mtim, fstflags);
        if (d instanceof DirectoryDescriptor dir) {
            if (dir.self().isEmpty()) {
                dir.dir().setTimes(access, modification);
            } else {
                dir.dir().setTimes(dir.self(), true, access, modification);
            }
        } else {
            ((FileDescriptor) d).file().setTimes(access, modification);
        }
    }

    private FileDescriptor regularFile(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof DirectoryDescriptor) {
            throw new WasiError(Errno.ISDIR);
        }
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.INVAL);
        }
        return (FileDescriptor) d;
    }

    // ---------------------------------------------------------------- directories

    /** Writes dirents from {@code cookie} on into the buffer; returns the bytes used. */
    int fdReaddir(GuestMemory mem, int fd, int buf, int bufLen, long cookie) {
        Descriptor d = fds.get(fd);
        if (!(d instanceof DirectoryDescriptor dir)) {
            throw new WasiError(Errno.NOTDIR);
        }
        dir.require(Rights.FD_READDIR);
        long capacity = Integer.toUnsignedLong(bufLen);
        mem.check(buf, capacity);
        List<DirEntry> children = dir.listing(cookie);
        FileStat self = selfStat(dir);
        long used = 0;
        long count = children.size() + 2L;
        for (long index = Math.max(cookie, 0); index < count && used < capacity; index++) {
            String name;
            long ino;
            int type;
            if (index == 0) {
                name = ".";
                ino = self.ino();
                type = WasiAbi.FILETYPE_DIRECTORY;
            } else if (index == 1) {
                name = "..";
                ino = parentIno(dir, self);
                type = WasiAbi.FILETYPE_DIRECTORY;
            } else {
                DirEntry e = children.get((int) (index - 2));
                name = e.name();
                ino = e.ino();
                type = FileStats.filetype(e.type());
            }
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] record = new byte[WasiAbi.DIRENT_SIZE + nameBytes.length];
            ByteBuffer bb = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, index + 1);
            bb.putLong(8, ino);
            bb.putInt(16, nameBytes.length);
            bb.put(20, (byte) type);
            System.arraycopy(nameBytes, 0, record, WasiAbi.DIRENT_SIZE, nameBytes.length);
            // A record that does not fit is cut off; the guest sees bufused == buf_len and retries.
            int n = (int) Math.min(record.length, capacity - used);
            mem.write(GuestMemory.offset(buf, used), record, 0, n);
            used += n;
        }
        return (int) used;
    }

    /** Above a mount root lies the host: report nothing of it (the root's own inode instead). */
    private static long parentIno(DirectoryDescriptor dir, FileStat self) {
        String parent = dir.self().isEmpty() ? ".." : dir.self() + "/..";
        if (dir.self().isEmpty() && dir.dir().isMountRoot()) {
            return self.ino();
        }
        try {
            return dir.dir().stat(parent, false).ino();
        } catch (FsException e) {
            return self.ino(); // a directory the guest opened is its own floor: its parent is not reachable
        }
    }

    // ---------------------------------------------------------------- paths

    int pathOpen(int dirFd, int lookupFlags, String path, int oflags, long rightsBase,
            long rightsInheriting, int fdflags) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_OPEN);
        boolean create = (oflags & WasiAbi.OFLAGS_CREAT) != 0;
        boolean exclusive = (oflags & WasiAbi.OFLAGS_EXCL) != 0;
        boolean truncate = (oflags & WasiAbi.OFLAGS_TRUNC) != 0;
        boolean directoryOnly = (oflags & WasiAbi.OFLAGS_DIRECTORY) != 0;
        if (create) {
            dir.require(Rights.PATH_CREATE_FILE);
        }
        if (truncate) {
            dir.require(Rights.PATH_FILESTAT_SET_SIZE);
        }
        if ((oflags & ~15) != 0 || (fdflags & ~WasiAbi.FDFLAGS_ALL) != 0 || (create && directoryOnly)) {
            throw new WasiError(Errno.INVAL);
        }
        fds.requireRoom();
        long base = rightsBase & dir.rightsInheriting();
        long inheriting = rightsInheriting & dir.rightsInheriting();
        boolean append = (fdflags & WasiAbi.FDFLAGS_APPEND) != 0;
        boolean write = (base & Rights.WRITING) != 0;
        boolean read = (base & (Rights.FD_READ | Rights.FD_READDIR)) != 0 || !(write || append);
        OpenOptions options = new OpenOptions(read, write, append, create, exclusive, truncate, directoryOnly,
                follows(lookupFlags));
        ConfinedDirectory.Opened opened;
        try {
            opened = dir.dir().open(dir.path(path), options);
        } catch (FsException e) {
            if (e.error() == FsError.LOOP && directoryOnly && !options.follow()) {
                throw new WasiError(Errno.NOTDIR); // a link where a directory was required
            }
            throw e;
        }
        if (opened.directory() != null) {
            return fds.add(new DirectoryDescriptor(opened.directory(), "", null, base & Rights.DIRECTORY,
                    inheriting, fdflags));
        }
        return fds.add(new FileDescriptor(opened.file(), base & Rights.REGULAR_FILE, inheriting, fdflags));
    }

    void pathCreateDirectory(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        dir.dir().createDirectory(dir.path(path));
    }

    void pathFilestatGet(GuestMemory mem, int dirFd, int lookupFlags, String path, int ptr) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_GET);
        FileStats.of(dir.dir().stat(dir.path(path), follows(lookupFlags))).write(mem, ptr);
    }

    void pathFilestatSetTimes(int dirFd, int lookupFlags, String path, long atim, long mtim, int fstflags) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        checkTimeFlags(fstflags);
        dir.dir().setTimes(dir.path(path), follows(lookupFlags), access(atim, fstflags), modification(mtim, fstflags));
    }

    void pathLink(int oldFd, int oldFlags, String oldPath, int newFd, String newPath) {
        DirectoryDescriptor oldDir = directory(oldFd);
        DirectoryDescriptor newDir = directory(newFd);
        oldDir.require(Rights.PATH_LINK_SOURCE);
        newDir.require(Rights.PATH_LINK_TARGET);
        oldDir.dir().link(oldDir.path(oldPath), follows(oldFlags), newDir.dir(), newDir.path(newPath));
    }

    /** Returns the link's target bytes, cut to {@code capacity}. */
    byte[] pathReadlink(int dirFd, String path, long capacity) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_READLINK);
        byte[] target = dir.dir().readLink(dir.path(path)).getBytes(StandardCharsets.UTF_8);
        return target.length <= capacity ? target : java.util.Arrays.copyOf(target, (int) capacity);
    }

    void pathRemoveDirectory(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        dir.dir().removeDirectory(dir.path(path));
    }

    void pathUnlinkFile(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_UNLINK_FILE);
        dir.dir().unlinkFile(dir.path(path));
    }

    void pathRename(int oldFd, String oldPath, int newFd, String newPath) {
        DirectoryDescriptor oldDir = directory(oldFd);
        DirectoryDescriptor newDir = directory(newFd);
        oldDir.require(Rights.PATH_RENAME_SOURCE);
        newDir.require(Rights.PATH_RENAME_TARGET);
        oldDir.dir().rename(oldDir.path(oldPath), newDir.dir(), newDir.path(newPath));
    }

    void pathSymlink(String target, int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_SYMLINK);
        dir.dir().symlink(target, dir.path(path));
    }

    // ---------------------------------------------------------------- helpers

    private DirectoryDescriptor directory(int fd) {
        return fds.get(fd, DirectoryDescriptor.class, Errno.NOTDIR);
    }

    private static boolean follows(int lookupFlags) {
        return (lookupFlags & WasiAbi.LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    private static void checkTimeFlags(int fstflags) {
        if ((fstflags & ~15) != 0
                || (fstflags & (WasiAbi.FST_ATIM | WasiAbi.FST_ATIM_NOW)) == (WasiAbi.FST_ATIM | WasiAbi.FST_ATIM_NOW)
                || (fstflags & (WasiAbi.FST_MTIM | WasiAbi.FST_MTIM_NOW)) == (WasiAbi.FST_MTIM | WasiAbi.FST_MTIM_NOW)) {
            throw new WasiError(Errno.INVAL);
        }
    }

    // "now" is the guest's clock (which a test may have fixed), not the host's.
    private TimeUpdate access(long atim, int fstflags) {
        return (fstflags & WasiAbi.FST_ATIM_NOW) != 0 ? TimeUpdate.at(clock.realtimeNanos())
                : (fstflags & WasiAbi.FST_ATIM) != 0 ? TimeUpdate.at(atim) : TimeUpdate.KEEP;
    }

    private TimeUpdate modification(long mtim, int fstflags) {
        return (fstflags & WasiAbi.FST_MTIM_NOW) != 0 ? TimeUpdate.at(clock.realtimeNanos())
                : (fstflags & WasiAbi.FST_MTIM) != 0 ? TimeUpdate.at(mtim) : TimeUpdate.KEEP;
    }
}
