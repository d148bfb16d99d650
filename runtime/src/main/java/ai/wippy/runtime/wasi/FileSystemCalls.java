package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code fd_*} and {@code path_*} calls of WASI preview 1 over a {@link DescriptorTable}.
 * Every method returns normally on success and throws {@link WasiError} with the errno otherwise.
 */
final class FileSystemCalls {

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
        if (d instanceof FileDescriptor f && (flags & WasiAbi.FDFLAGS_APPEND) != 0 && f.tree().readOnly()) {
            throw new WasiError(Errno.ROFS);
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
        FileDescriptor f = (FileDescriptor) d;
        try {
            long position = f.channel().position();
            int n = readAt(mem, f, iovs, position);
            f.channel().position(position + n);
            return n;
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    long fdPread(GuestMemory mem, int fd, IoVectors iovs, long offset) {
        Descriptor d = readable(fd, Rights.FD_READ | Rights.FD_SEEK);
        if (!(d instanceof FileDescriptor f)) {
            throw new WasiError(Errno.SPIPE);
        }
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        return readAt(mem, f, iovs, offset);
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

    private int readAt(GuestMemory mem, FileDescriptor f, IoVectors iovs, long position) {
        try {
            long available = Math.max(0, f.channel().size() - position);
            int want = (int) Math.min(iovs.totalLength(), available);
            byte[] data = new byte[want];
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                int n = f.channel().read(buf, position + buf.position());
                if (n < 0) {
                    break;
                }
            }
            int got = buf.position();
            iovs.scatter(mem, data, got);
            return got;
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    long fdWrite(GuestMemory mem, int fd, IoVectors iovs) {
        Descriptor d = writable(fd, Rights.FD_WRITE);
        if (d instanceof StreamDescriptor s) {
            return s.write(mem, iovs);
        }
        byte[] data = iovs.gather(mem);
        FileDescriptor f = (FileDescriptor) d;
        try {
            FileChannel ch = f.channel();
            long position = (f.fdflags() & WasiAbi.FDFLAGS_APPEND) != 0 ? ch.size() : ch.position();
            writeAt(f, data, position);
            ch.position(position + data.length);
            return data.length;
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    long fdPwrite(GuestMemory mem, int fd, IoVectors iovs, long offset) {
        Descriptor d = writable(fd, Rights.FD_WRITE | Rights.FD_SEEK);
        if (!(d instanceof FileDescriptor f)) {
            throw new WasiError(Errno.SPIPE);
        }
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        byte[] data = iovs.gather(mem);
        writeAt(f, data, offset);
        return data.length;
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
        ((FileDescriptor) d).tree().requireWritable();
        return d;
    }

    private void writeAt(FileDescriptor f, byte[] data, long position) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                f.channel().write(buf, position + buf.position());
            }
            if ((f.fdflags() & (WasiAbi.FDFLAGS_SYNC | WasiAbi.FDFLAGS_DSYNC)) != 0) {
                f.channel().force((f.fdflags() & WasiAbi.FDFLAGS_SYNC) != 0);
            }
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    long fdSeek(int fd, long offset, int whence) {
        FileDescriptor f = seekable(fd);
        // Like wasmtime: asking for the current position needs only FD_TELL.
        f.require(offset == 0 && whence == WasiAbi.WHENCE_CUR ? Rights.FD_TELL : Rights.FD_SEEK);
        try {
            FileChannel ch = f.channel();
            long from = switch (whence) {
                case WasiAbi.WHENCE_SET -> 0;
                case WasiAbi.WHENCE_CUR -> ch.position();
                case WasiAbi.WHENCE_END -> ch.size();
                default -> throw new WasiError(Errno.INVAL);
            };
            long target;
            try {
                target = Math.addExact(from, offset);
            } catch (ArithmeticException e) {
                throw new WasiError(Errno.OVERFLOW);
            }
            if (target < 0) {
                throw new WasiError(Errno.INVAL);
            }
            ch.position(target);
            return target;
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    long fdTell(int fd) {
        FileDescriptor f = seekable(fd);
        f.require(Rights.FD_TELL);
        try {
            return f.channel().position();
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
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
        if (advice < 0 || advice > 5) {
            throw new WasiError(Errno.INVAL);
        }
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.SPIPE);
        }
        // Advice is only a hint; the JDK offers no way to pass it on.
    }

    void fdAllocate(int fd, long offset, long len) {
        FileDescriptor f = regularFile(fd);
        f.require(Rights.FD_ALLOCATE);
        if (offset < 0 || len < 0) {
            throw new WasiError(Errno.INVAL);
        }
        long end;
        try {
            end = Math.addExact(offset, len);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.FBIG);
        }
        f.tree().requireWritable();
        try {
            if (end > f.channel().size()) {
                extend(f.channel(), end);
            }
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
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
            try {
                f.channel().force(metadata);
            } catch (IOException e) {
                throw HostErrors.toWasi(e);
            }
        }
    }

    void fdFilestatGet(GuestMemory mem, int fd, int ptr) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET);
        FileStats stats;
        if (d instanceof StreamDescriptor) {
            stats = FileStats.CHARACTER_DEVICE;
        } else if (d instanceof DirectoryDescriptor dir) {
            stats = FileStats.of(dir.self().host());
        } else {
            FileDescriptor f = (FileDescriptor) d;
            stats = fileStats(f);
        }
        stats.write(mem, ptr);
    }

    private static FileStats fileStats(FileDescriptor f) {
        long size;
        try {
            size = f.channel().size();
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
        try {
            return FileStats.of(f.path().host()).withSize(size);
        } catch (WasiError e) {
            // Renamed or unlinked since it was opened: the open handle still has a size.
            return new FileStats(0, 0, f.filetype(), 0, size, 0, 0, 0);
        }
    }

    void fdFilestatSetSize(int fd, long size) {
        FileDescriptor f = regularFile(fd);
        f.require(Rights.FD_FILESTAT_SET_SIZE);
        if (size < 0) {
            throw new WasiError(Errno.INVAL);
        }
        f.tree().requireWritable();
        try {
            FileChannel ch = f.channel();
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                extend(ch, size);
            }
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    private static void extend(FileChannel ch, long size) throws IOException {
        ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
    }

    void fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        checkTimeFlags(fstflags);
        if (d instanceof StreamDescriptor) {
            throw new WasiError(Errno.BADF);
        }
        ResolvedPath path = d instanceof DirectoryDescriptor dir ? dir.self() : ((FileDescriptor) d).path();
        path.tree().requireWritable();
        setTimes(path.host(), atim, mtim, fstflags);
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
        List<DirEntry> entries = listDirectory(dir);
        long used = 0;
        for (long index = Math.max(cookie, 0); index < entries.size() && used < capacity; index++) {
            DirEntry e = entries.get((int) index);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            byte[] record = new byte[WasiAbi.DIRENT_SIZE + name.length];
            ByteBuffer bb = ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, index + 1);
            bb.putLong(8, e.ino());
            bb.putInt(16, name.length);
            bb.put(20, (byte) e.filetype());
            System.arraycopy(name, 0, record, WasiAbi.DIRENT_SIZE, name.length);
            // A record that does not fit is cut off; the guest sees bufused == buf_len and retries.
            int n = (int) Math.min(record.length, capacity - used);
            mem.write(GuestMemory.offset(buf, used), record, 0, n);
            used += n;
        }
        return (int) used;
    }

    private record DirEntry(String name, long ino, int filetype) {
    }

    private List<DirEntry> listDirectory(DirectoryDescriptor dir) {
        ResolvedPath self = dir.self();
        Path host = self.host();
        List<DirEntry> entries = new ArrayList<>();
        FileStats selfStats = FileStats.of(host);
        entries.add(new DirEntry(".", selfStats.ino(), WasiAbi.FILETYPE_DIRECTORY));
        // Above the tree root lies the host; do not report anything of it.
        long parentIno = self.isTreeRoot() ? selfStats.ino() : FileStats.of(host.getParent()).ino();
        entries.add(new DirEntry("..", parentIno, WasiAbi.FILETYPE_DIRECTORY));
        List<Path> children;
        try (Stream<Path> list = Files.list(host)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
        for (Path child : children) {
            long ino;
            int type;
            try {
                FileStats stats = FileStats.of(child);
                ino = stats.ino();
                type = stats.filetype();
            } catch (WasiError gone) {
                continue;
            }
            entries.add(new DirEntry(child.getFileName().toString(), ino, type));
        }
        return entries;
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
        long base = rightsBase & dir.rightsInheriting();
        long inheriting = rightsInheriting & dir.rightsInheriting();
        boolean write = (base & Rights.WRITING) != 0 || (fdflags & WasiAbi.FDFLAGS_APPEND) != 0;

        ResolvedPath resolved = PathResolver.resolve(dir, path, follows(lookupFlags));
        BasicFileAttributes attrs = PathResolver.lstatOrNull(resolved.host());
        if (attrs != null && attrs.isSymbolicLink()) {
            throw new WasiError(directoryOnly ? Errno.NOTDIR : Errno.LOOP);
        }
        if (attrs == null) {
            if (!create) {
                throw new WasiError(Errno.NOENT);
            }
            if (resolved.trailingSlash()) {
                throw new WasiError(Errno.ISDIR);
            }
            resolved.tree().requireWritable();
        } else {
            if (create && exclusive) {
                throw new WasiError(Errno.EXIST);
            }
            if (attrs.isDirectory()) {
                if (write || truncate) {
                    throw new WasiError(Errno.ISDIR);
                }
                return fds.add(new DirectoryDescriptor(resolved.tree(), resolved.names(),
                        resolved.names().size(), null, base & Rights.DIRECTORY, inheriting, fdflags));
            }
            if (directoryOnly) {
                throw new WasiError(Errno.NOTDIR);
            }
            if (!attrs.isRegularFile()) {
                // FIFOs and devices would block or reach host hardware; only plain files are served.
                throw new WasiError(Errno.NOTSUP);
            }
            if (write || truncate) {
                resolved.tree().requireWritable();
            }
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        boolean read = (base & (Rights.FD_READ | Rights.FD_READDIR)) != 0 || !write;
        if (read) {
            options.add(StandardOpenOption.READ);
        }
        if (write || truncate || (create && attrs == null)) {
            options.add(StandardOpenOption.WRITE);
        }
        if (create) {
            options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel channel = FileChannel.open(resolved.host(), options);
            return fds.add(new FileDescriptor(channel, resolved, WasiAbi.FILETYPE_REGULAR_FILE,
                    base & Rights.REGULAR_FILE, inheriting, fdflags));
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    void pathCreateDirectory(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        dir.tree().requireWritable();
        ResolvedPath p = PathResolver.resolve(dir, path, false);
        if (!p.named()) {
            throw new WasiError(Errno.EXIST);
        }
        try {
            Files.createDirectory(p.host());
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    void pathFilestatGet(GuestMemory mem, int dirFd, int lookupFlags, String path, int ptr) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_GET);
        ResolvedPath p = PathResolver.resolve(dir, path, follows(lookupFlags));
        FileStats.of(p.host()).write(mem, ptr);
    }

    void pathFilestatSetTimes(int dirFd, int lookupFlags, String path, long atim, long mtim, int fstflags) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        checkTimeFlags(fstflags);
        dir.tree().requireWritable();
        ResolvedPath p = PathResolver.resolve(dir, path, follows(lookupFlags));
        if (PathResolver.lstatOrNull(p.host()) == null) {
            throw new WasiError(Errno.NOENT);
        }
        setTimes(p.host(), atim, mtim, fstflags);
    }

    void pathLink(int oldFd, int oldFlags, String oldPath, int newFd, String newPath) {
        DirectoryDescriptor oldDir = directory(oldFd);
        DirectoryDescriptor newDir = directory(newFd);
        oldDir.require(Rights.PATH_LINK_SOURCE);
        newDir.require(Rights.PATH_LINK_TARGET);
        oldDir.tree().requireWritable();
        newDir.tree().requireWritable();
        ResolvedPath source = PathResolver.resolve(oldDir, oldPath, follows(oldFlags));
        ResolvedPath target = PathResolver.resolve(newDir, newPath, false);
        BasicFileAttributes attrs = PathResolver.lstatOrNull(source.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (attrs.isDirectory()) {
            throw new WasiError(Errno.PERM);
        }
        if (!target.named() || PathResolver.lstatOrNull(target.host()) != null) {
            throw new WasiError(Errno.EXIST);
        }
        if (target.trailingSlash()) {
            throw new WasiError(Errno.NOENT);
        }
        try {
            Files.createLink(target.host(), source.host());
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    /** Returns the link's target bytes, cut to {@code capacity}. */
    byte[] pathReadlink(int dirFd, String path, long capacity) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_READLINK);
        ResolvedPath p = PathResolver.resolve(dir, path, false);
        BasicFileAttributes attrs = PathResolver.lstatOrNull(p.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (!attrs.isSymbolicLink()) {
            throw new WasiError(Errno.INVAL);
        }
        byte[] target = PathResolver.readLink(p.host()).getBytes(StandardCharsets.UTF_8);
        return target.length <= capacity ? target : java.util.Arrays.copyOf(target, (int) capacity);
    }

    void pathRemoveDirectory(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        dir.tree().requireWritable();
        ResolvedPath p = PathResolver.resolve(dir, path, false);
        if (!p.named()) {
            throw new WasiError(p.isTreeRoot() ? Errno.BUSY : Errno.INVAL);
        }
        BasicFileAttributes attrs = PathResolver.lstatOrNull(p.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (!attrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        delete(p.host());
    }

    void pathUnlinkFile(int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_UNLINK_FILE);
        dir.tree().requireWritable();
        ResolvedPath p = PathResolver.resolve(dir, path, false);
        BasicFileAttributes attrs = PathResolver.lstatOrNull(p.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (attrs.isDirectory()) {
            throw new WasiError(Errno.ISDIR);
        }
        delete(p.host());
    }

    void pathRename(int oldFd, String oldPath, int newFd, String newPath) {
        DirectoryDescriptor oldDir = directory(oldFd);
        DirectoryDescriptor newDir = directory(newFd);
        oldDir.require(Rights.PATH_RENAME_SOURCE);
        newDir.require(Rights.PATH_RENAME_TARGET);
        oldDir.tree().requireWritable();
        newDir.tree().requireWritable();
        ResolvedPath source = PathResolver.resolve(oldDir, oldPath, false);
        ResolvedPath target = PathResolver.resolve(newDir, newPath, false);
        if (!source.named() || !target.named()) {
            throw new WasiError(source.isTreeRoot() || target.isTreeRoot() ? Errno.BUSY : Errno.INVAL);
        }
        BasicFileAttributes attrs = PathResolver.lstatOrNull(source.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (target.trailingSlash() && !attrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        try {
            // ATOMIC_MOVE is rename(2): POSIX semantics for replacing files and empty directories.
            Files.move(source.host(), target.host(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    void pathSymlink(String target, int dirFd, String path) {
        DirectoryDescriptor dir = directory(dirFd);
        dir.require(Rights.PATH_SYMLINK);
        dir.tree().requireWritable();
        ResolvedPath link = PathResolver.resolve(dir, path, false);
        if (!link.named()) {
            throw new WasiError(Errno.EXIST);
        }
        if (link.trailingSlash()) {
            throw new WasiError(Errno.NOENT);
        }
        requireContained(link, target);
        try {
            Files.createSymbolicLink(link.host(), link.host().getFileSystem().getPath(target));
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        } catch (java.nio.file.InvalidPathException e) {
            throw new WasiError(Errno.INVAL);
        }
    }

    /**
     * A link the guest creates must stay inside the tree even when the host (not this resolver)
     * follows it: absolute targets and targets whose {@code ..} climb above the tree root from the
     * link's own directory are refused.
     */
    private static void requireContained(ResolvedPath link, String target) {
        if (target.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (target.startsWith("/") || target.indexOf('\0') >= 0) {
            throw new WasiError(Errno.PERM);
        }
        int depth = link.names().size() - 1;
        for (String name : PathResolver.split(target)) {
            if (name.equals("..")) {
                if (--depth < 0) {
                    throw new WasiError(Errno.PERM);
                }
            } else if (!name.equals(".")) {
                depth++;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private DirectoryDescriptor directory(int fd) {
        return fds.get(fd, DirectoryDescriptor.class, Errno.NOTDIR);
    }

    private static boolean follows(int lookupFlags) {
        return (lookupFlags & WasiAbi.LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    private static void delete(Path host) {
        try {
            Files.delete(host);
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    private static void checkTimeFlags(int fstflags) {
        if ((fstflags & ~15) != 0
                || (fstflags & (WasiAbi.FST_ATIM | WasiAbi.FST_ATIM_NOW)) == (WasiAbi.FST_ATIM | WasiAbi.FST_ATIM_NOW)
                || (fstflags & (WasiAbi.FST_MTIM | WasiAbi.FST_MTIM_NOW)) == (WasiAbi.FST_MTIM | WasiAbi.FST_MTIM_NOW)) {
            throw new WasiError(Errno.INVAL);
        }
    }

    private void setTimes(Path host, long atim, long mtim, int fstflags) {
        FileTime now = FileTime.from(java.time.Instant.ofEpochSecond(0, clock.realtimeNanos()));
        FileTime access = (fstflags & WasiAbi.FST_ATIM_NOW) != 0 ? now
                : (fstflags & WasiAbi.FST_ATIM) != 0 ? fromNanos(atim) : null;
        FileTime modified = (fstflags & WasiAbi.FST_MTIM_NOW) != 0 ? now
                : (fstflags & WasiAbi.FST_MTIM) != 0 ? fromNanos(mtim) : null;
        try {
            Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(modified, access, null);
        } catch (IOException e) {
            throw HostErrors.toWasi(e);
        }
    }

    private static FileTime fromNanos(long nanos) {
        return FileTime.from(java.time.Instant.ofEpochSecond(0, nanos));
    }
}
