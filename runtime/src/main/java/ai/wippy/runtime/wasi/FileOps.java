package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The descriptor and path functions of WASI preview 1, over {@link Sandbox}ed directories. */
final class FileOps {

    private static final int OFLAG_CREAT = 1;
    private static final int OFLAG_DIRECTORY = 2;
    private static final int OFLAG_EXCL = 4;
    private static final int OFLAG_TRUNC = 8;
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;
    private static final int FST_ATIM = 1;
    private static final int FST_ATIM_NOW = 2;
    private static final int FST_MTIM = 4;
    private static final int FST_MTIM_NOW = 8;
    private static final int WHENCE_SET = 0;
    private static final int WHENCE_CUR = 1;
    private static final int WHENCE_END = 2;
    private static final int MAX_IO = 16 * 1024 * 1024;

    private final WasiPreview1.FdTable fds;

    FileOps(WasiPreview1.FdTable fds) {
        this.fds = fds;
    }

    // ---- descriptors --------------------------------------------------------------------------

    int close(int fd) throws IOException {
        fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    int renumber(int from, int to) throws IOException {
        Descriptor d = fds.get(from);
        Descriptor old = fds.get(to);
        if (from == to) {
            return Errno.SUCCESS;
        }
        old.close();
        fds.remove(from);
        fds.put(to, d);
        return Errno.SUCCESS;
    }

    int fdstatGet(WasiMemory m, int fd, int ptr) {
        Descriptor d = fds.get(fd);
        m.zero(ptr, 24);
        m.writeU8(ptr, d.filetype());
        m.writeU16(ptr + 2, d.flags);
        m.writeI64(ptr + 8, d.rightsBase);
        m.writeI64(ptr + 16, d.rightsInheriting);
        return Errno.SUCCESS;
    }

    int fdstatSetFlags(int fd, int flags) {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        int known = Descriptor.FDFLAG_APPEND | Descriptor.FDFLAG_DSYNC | Descriptor.FDFLAG_NONBLOCK
                | Descriptor.FDFLAG_RSYNC | Descriptor.FDFLAG_SYNC;
        if ((flags & ~known) != 0) {
            return Errno.INVAL;
        }
        d.flags = flags;
        return Errno.SUCCESS;
    }

    int fdstatSetRights(int fd, long base, long inheriting) {
        Descriptor d = fds.get(fd);
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
            return Errno.NOTCAPABLE;
        }
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    int prestatGet(WasiMemory m, int fd, int ptr) {
        if (!(fds.get(fd) instanceof Descriptor.Directory dir) || dir.preopenName == null) {
            return Errno.BADF;
        }
        m.writeI32(ptr, 0);
        m.writeI32(ptr + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    int prestatDirName(WasiMemory m, int fd, int path, int len) {
        if (!(fds.get(fd) instanceof Descriptor.Directory dir) || dir.preopenName == null) {
            return Errno.BADF;
        }
        byte[] name = dir.preopenName.getBytes(StandardCharsets.UTF_8);
        if (Integer.toUnsignedLong(len) < name.length) {
            return Errno.NAMETOOLONG;
        }
        m.write(path, name);
        return Errno.SUCCESS;
    }

    int filestatGet(WasiMemory m, int fd, int ptr) throws IOException {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET);
        if (d instanceof Descriptor.Stream) {
            m.zero(ptr, 64);
            m.writeU8(ptr + 16, Descriptor.FILETYPE_CHARACTER_DEVICE);
            m.writeI64(ptr + 24, 1);
            return Errno.SUCCESS;
        }
        Path host = hostOf(d);
        writeFilestat(m, ptr, host, d instanceof Descriptor.File f ? f.channel.size() : -1);
        return Errno.SUCCESS;
    }

    int setSize(int fd, long size) throws IOException {
        Descriptor.File f = file(fd);
        f.require(Rights.FD_FILESTAT_SET_SIZE);
        f.sandbox.requireWritable();
        if (!f.writable) {
            return Errno.BADF;
        }
        if (size < 0) {
            return Errno.INVAL;
        }
        resize(f.channel, size);
        return Errno.SUCCESS;
    }

    int setTimes(int fd, long atim, long mtim, int fstFlags) throws IOException {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        if (d instanceof Descriptor.Stream) {
            return Errno.BADF;
        }
        sandboxOf(d).requireWritable();
        applyTimes(hostOf(d), atim, mtim, fstFlags);
        return Errno.SUCCESS;
    }

    int advise(int fd, long offset, long len, int advice) {
        Descriptor d = fds.get(fd);
        if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
            return Errno.INVAL;
        }
        if (!(d instanceof Descriptor.File)) {
            return d instanceof Descriptor.Directory ? Errno.BADF : Errno.SPIPE;
        }
        d.require(Rights.FD_ADVISE);
        return Errno.SUCCESS;
    }

    int allocate(int fd, long offset, long len) throws IOException {
        Descriptor.File f = file(fd);
        f.require(Rights.FD_ALLOCATE);
        if (offset < 0 || len <= 0) {
            return Errno.INVAL;
        }
        f.sandbox.requireWritable();
        if (!f.writable) {
            return Errno.BADF;
        }
        long end = Math.addExact(offset, len);
        if (end > f.channel.size()) {
            resize(f.channel, end);
        }
        return Errno.SUCCESS;
    }

    int sync(int fd, long right) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.File f) {
            f.require(right);
            f.channel.force(right == Rights.FD_SYNC);
        } else if (d instanceof Descriptor.Stream s && s.out != null) {
            s.out.flush();
        }
        return Errno.SUCCESS;
    }

    // ---- reading and writing ------------------------------------------------------------------

    int read(WasiMemory m, int fd, int iovs, int count, int nreadPtr, WaitHook hook) throws IOException {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_READ);
        int capacity = (int) Math.min(m.iovecTotal(iovs, count), MAX_IO);
        byte[] buffer = new byte[capacity];
        int n;
        if (d instanceof Descriptor.Stream s) {
            n = readStream(s, buffer, hook);
        } else if (d instanceof Descriptor.File f) {
            if (!f.readable) {
                return Errno.BADF;
            }
            n = Math.max(0, f.channel.read(ByteBuffer.wrap(buffer)));
        } else {
            return Errno.ISDIR;
        }
        m.scatter(iovs, count, buffer, n);
        m.writeI32(nreadPtr, n);
        return Errno.SUCCESS;
    }

    private static int readStream(Descriptor.Stream s, byte[] buffer, WaitHook hook) throws IOException {
        if (buffer.length == 0) {
            return 0;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new GuestInterruptedException();
        }
        hook.beforeWait();
        try {
            int n = s.in.read(buffer, 0, buffer.length);
            return Math.max(n, 0);
        } catch (InterruptedIOException e) {
            throw new GuestInterruptedException();
        } finally {
            hook.afterWait();
        }
    }

    int write(WasiMemory m, int fd, int iovs, int count, int nwrittenPtr) throws IOException {
        Descriptor d = fds.get(fd);
        d.require(Rights.FD_WRITE);
        byte[] data = m.gather(iovs, count);
        if (d instanceof Descriptor.Stream s) {
            s.out.write(data);
            s.out.flush();
        } else if (d instanceof Descriptor.File f) {
            if (!f.writable) {
                return Errno.BADF;
            }
            f.sandbox.requireWritable();
            if ((f.flags & Descriptor.FDFLAG_APPEND) != 0) {
                f.channel.position(f.channel.size());
            }
            writeFully(f.channel, ByteBuffer.wrap(data), -1);
        } else {
            return Errno.ISDIR;
        }
        m.writeI32(nwrittenPtr, data.length);
        return Errno.SUCCESS;
    }

    int pread(WasiMemory m, int fd, int iovs, int count, long offset, int nreadPtr) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Stream) {
            return Errno.SPIPE;
        }
        d.require(Rights.FD_READ | Rights.FD_SEEK);
        if (!(d instanceof Descriptor.File f)) {
            return Errno.ISDIR;
        }
        if (offset < 0) {
            return Errno.INVAL;
        }
        if (!f.readable) {
            return Errno.BADF;
        }
        byte[] buffer = new byte[(int) Math.min(m.iovecTotal(iovs, count), MAX_IO)];
        int n = Math.max(0, f.channel.read(ByteBuffer.wrap(buffer), offset));
        m.scatter(iovs, count, buffer, n);
        m.writeI32(nreadPtr, n);
        return Errno.SUCCESS;
    }

    int pwrite(WasiMemory m, int fd, int iovs, int count, long offset, int nwrittenPtr) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Stream) {
            return Errno.SPIPE;
        }
        d.require(Rights.FD_WRITE | Rights.FD_SEEK);
        if (!(d instanceof Descriptor.File f)) {
            return Errno.ISDIR;
        }
        if (offset < 0) {
            return Errno.INVAL;
        }
        if (!f.writable) {
            return Errno.BADF;
        }
        f.sandbox.requireWritable();
        byte[] data = m.gather(iovs, count);
        writeFully(f.channel, ByteBuffer.wrap(data), offset);
        m.writeI32(nwrittenPtr, data.length);
        return Errno.SUCCESS;
    }

    private static void writeFully(FileChannel channel, ByteBuffer data, long offset) throws IOException {
        long at = offset;
        while (data.hasRemaining()) {
            int n = at < 0 ? channel.write(data) : channel.write(data, at);
            if (at >= 0) {
                at += n;
            }
        }
    }

    int seek(WasiMemory m, int fd, long offset, int whence, int resultPtr) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Stream) {
            return Errno.SPIPE;
        }
        // seek(0, CUR) only tells the position: FD_TELL is enough for it
        d.require(whence == WHENCE_CUR && offset == 0 ? Rights.FD_TELL : Rights.FD_SEEK);
        if (!(d instanceof Descriptor.File f)) {
            return Errno.BADF;
        }
        long base = switch (whence) {
            case WHENCE_SET -> 0;
            case WHENCE_CUR -> f.channel.position();
            case WHENCE_END -> f.channel.size();
            default -> throw Errno.fail(Errno.INVAL);
        };
        long target;
        try {
            target = Math.addExact(base, offset);
        } catch (ArithmeticException e) {
            return Errno.OVERFLOW;
        }
        if (target < 0) {
            return Errno.INVAL;
        }
        f.channel.position(target);
        m.writeI64(resultPtr, target);
        return Errno.SUCCESS;
    }

    int tell(WasiMemory m, int fd, int resultPtr) throws IOException {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Stream) {
            return Errno.SPIPE;
        }
        d.require(Rights.FD_TELL);
        if (!(d instanceof Descriptor.File f)) {
            return Errno.BADF;
        }
        m.writeI64(resultPtr, f.channel.position());
        return Errno.SUCCESS;
    }

    int readdir(WasiMemory m, int fd, int buf, int bufLen, long cookie, int bufusedPtr) throws IOException {
        Descriptor.Directory dir = directory(fd);
        dir.require(Rights.FD_READDIR);
        m.checkRange(buf, Integer.toUnsignedLong(bufLen));
        Path host = dir.sandbox.hostPath(dir.components);
        List<String> names = new ArrayList<>(List.of(".", ".."));
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(host)) {
            for (Path p : stream) {
                children.add(p.getFileName().toString());
            }
        }
        children.sort(null);
        names.addAll(children);
        long used = 0;
        long capacity = Integer.toUnsignedLong(bufLen);
        for (long index = cookie; index < names.size() && used < capacity; index++) {
            String name = names.get((int) index);
            Path entry = name.equals(".") ? host
                    : name.equals("..") ? (dir.components.isEmpty() ? host : host.getParent()) : host.resolve(name);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] record = new byte[24 + nameBytes.length];
            ByteBuffer b = ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, index + 1);
            b.putLong(8, inode(entry));
            b.putInt(16, nameBytes.length);
            b.put(20, (byte) filetypeOf(Sandbox.attributesOf(entry)));
            System.arraycopy(nameBytes, 0, record, 24, nameBytes.length);
            int n = (int) Math.min(record.length, capacity - used);
            m.write(buf + (int) used, record, 0, n);
            used += n;
        }
        m.writeI32(bufusedPtr, (int) used);
        return Errno.SUCCESS;
    }

    // ---- paths ----------------------------------------------------------------------------------

    int open(WasiMemory m, int dirFd, int dirflags, int pathPtr, int pathLen, int oflags, long rightsBase,
            long rightsInheriting, int fdflags, int fdPtr) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_OPEN);
        String path = m.readString(pathPtr, pathLen);
        Sandbox box = dir.sandbox;
        boolean follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) != 0;
        Sandbox.Resolved r = box.resolve(dir.components, path, follow);
        boolean create = (oflags & OFLAG_CREAT) != 0;
        boolean exclusive = (oflags & OFLAG_EXCL) != 0;
        boolean truncate = (oflags & OFLAG_TRUNC) != 0;
        boolean wantDirectory = (oflags & OFLAG_DIRECTORY) != 0;
        boolean wantsWrite = (rightsBase & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) != 0
                || (fdflags & Descriptor.FDFLAG_APPEND) != 0;
        long base = rightsBase & dir.rightsInheriting;
        long inheriting = rightsInheriting & dir.rightsInheriting;
        if (r.exists()) {
            if (create && exclusive) {
                return Errno.EXIST;
            }
            if (r.isSymlink()) {
                // not followed (no SYMLINK_FOLLOW): opening a link itself is a loop in POSIX terms
                return Errno.LOOP;
            }
            if (r.isDirectory()) {
                if (truncate || ((rightsBase & Rights.FD_WRITE) != 0 && !wantDirectory)) {
                    return Errno.ISDIR;
                }
                box.checkStillInside(r.host());
                int fd = fds.add(new Descriptor.Directory(box, r.components(), null, base & Rights.DIRECTORY,
                        inheriting));
                m.writeI32(fdPtr, fd);
                return Errno.SUCCESS;
            }
            if (wantDirectory) {
                return Errno.NOTDIR;
            }
            if (!r.attributes().isRegularFile()) {
                return Errno.NOTSUP;
            }
        } else {
            if (!create) {
                return Errno.NOENT;
            }
            if (wantDirectory) {
                return box.readOnly ? Errno.ROFS : Errno.INVAL;
            }
            dir.require(Rights.PATH_CREATE_FILE);
        }
        if (box.readOnly && (create || truncate || wantsWrite)) {
            return Errno.ROFS;
        }
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        opts.add(StandardOpenOption.READ);
        if (wantsWrite || create || truncate) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (create) {
            opts.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel channel = FileChannel.open(r.host(), opts);
        try {
            box.checkStillInside(r.host());
        } catch (Errno.Failure e) {
            channel.close();
            throw e;
        }
        boolean readable = (rightsBase & Rights.FD_READ) != 0 || rightsBase == 0;
        int fd = fds.add(new Descriptor.File(box, r.components(), channel, readable, wantsWrite,
                base & Rights.FILE, inheriting, fdflags));
        m.writeI32(fdPtr, fd);
        return Errno.SUCCESS;
    }

    int createDirectory(WasiMemory m, int dirFd, int pathPtr, int pathLen) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen), false);
        if (r.exists() || r.components().isEmpty()) {
            return Errno.EXIST;
        }
        dir.sandbox.requireWritable();
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    int pathFilestatGet(WasiMemory m, int dirFd, int flags, int pathPtr, int pathLen, int buf) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_GET);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen),
                (flags & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        writeFilestat(m, buf, r.host(), -1);
        return Errno.SUCCESS;
    }

    int pathSetTimes(WasiMemory m, int dirFd, int flags, int pathPtr, int pathLen, long atim, long mtim, int fst)
            throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen),
                (flags & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        dir.sandbox.requireWritable();
        applyTimes(r.host(), atim, mtim, fst);
        return Errno.SUCCESS;
    }

    int link(WasiMemory m, int oldFd, int oldFlags, int oldPtr, int oldLen, int newFd, int newPtr, int newLen)
            throws IOException {
        Descriptor.Directory from = directory(oldFd);
        Descriptor.Directory to = directory(newFd);
        from.require(Rights.PATH_LINK_SOURCE);
        to.require(Rights.PATH_LINK_TARGET);
        Sandbox.Resolved source = from.sandbox.resolve(from.components, m.readString(oldPtr, oldLen),
                (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
        Sandbox.Resolved target = to.sandbox.resolve(to.components, m.readString(newPtr, newLen), false);
        if (!source.exists()) {
            return Errno.NOENT;
        }
        if (source.isDirectory()) {
            return Errno.PERM;
        }
        if (target.exists()) {
            return Errno.EXIST;
        }
        if (from.sandbox != to.sandbox) {
            return Errno.XDEV;
        }
        to.sandbox.requireWritable();
        Files.createLink(target.host(), source.host());
        return Errno.SUCCESS;
    }

    int readlink(WasiMemory m, int dirFd, int pathPtr, int pathLen, int buf, int bufLen, int usedPtr)
            throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_READLINK);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen), false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (!r.isSymlink()) {
            return Errno.INVAL;
        }
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
        m.write(buf, target, 0, n);
        m.writeI32(usedPtr, n);
        return Errno.SUCCESS;
    }

    int removeDirectory(WasiMemory m, int dirFd, int pathPtr, int pathLen) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen), false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (!r.isDirectory()) {
            return Errno.NOTDIR;
        }
        if (r.components().isEmpty()) {
            return Errno.BUSY;
        }
        dir.sandbox.requireWritable();
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    int unlink(WasiMemory m, int dirFd, int pathPtr, int pathLen) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_UNLINK_FILE);
        String path = m.readString(pathPtr, pathLen);
        Sandbox.Resolved r = dir.sandbox.resolve(dir.components, path, false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (r.isDirectory()) {
            return Errno.ISDIR;
        }
        if (path.endsWith("/")) {
            return Errno.NOTDIR;
        }
        dir.sandbox.requireWritable();
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    int rename(WasiMemory m, int oldFd, int oldPtr, int oldLen, int newFd, int newPtr, int newLen) throws IOException {
        Descriptor.Directory from = directory(oldFd);
        Descriptor.Directory to = directory(newFd);
        from.require(Rights.PATH_RENAME_SOURCE);
        to.require(Rights.PATH_RENAME_TARGET);
        Sandbox.Resolved source = from.sandbox.resolve(from.components, m.readString(oldPtr, oldLen), false);
        Sandbox.Resolved target = to.sandbox.resolve(to.components, m.readString(newPtr, newLen), false);
        if (!source.exists()) {
            return Errno.NOENT;
        }
        if (source.components().isEmpty() || target.components().isEmpty()) {
            return Errno.BUSY;
        }
        if (from.sandbox != to.sandbox) {
            return Errno.XDEV;
        }
        from.sandbox.requireWritable();
        if (target.exists()) {
            if (source.isDirectory() && !target.isDirectory()) {
                return Errno.NOTDIR;
            }
            if (!source.isDirectory() && target.isDirectory()) {
                return Errno.ISDIR;
            }
        }
        if (source.isDirectory() && target.components().size() > source.components().size()
                && target.components().subList(0, source.components().size()).equals(source.components())) {
            return Errno.INVAL;
        }
        Files.move(source.host(), target.host(), StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }

    int symlink(WasiMemory m, int targetPtr, int targetLen, int dirFd, int pathPtr, int pathLen) throws IOException {
        Descriptor.Directory dir = directory(dirFd);
        dir.require(Rights.PATH_SYMLINK);
        String target = m.readString(targetPtr, targetLen);
        Sandbox.Resolved link = dir.sandbox.resolve(dir.components, m.readString(pathPtr, pathLen), false);
        if (link.exists()) {
            return Errno.EXIST;
        }
        if (link.components().isEmpty()) {
            return Errno.EXIST;
        }
        dir.sandbox.requireWritable();
        if (!dir.sandbox.targetStaysInside(link.parent(), target)) {
            return Errno.PERM;
        }
        Files.createSymbolicLink(link.host(), Path.of(target));
        return Errno.SUCCESS;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Descriptor.Directory directory(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.Directory dir) {
            return dir;
        }
        throw Errno.fail(Errno.NOTDIR);
    }

    private Descriptor.File file(int fd) {
        Descriptor d = fds.get(fd);
        if (d instanceof Descriptor.File f) {
            return f;
        }
        throw Errno.fail(d instanceof Descriptor.Directory ? Errno.ISDIR : Errno.BADF);
    }

    private static Path hostOf(Descriptor d) {
        if (d instanceof Descriptor.File f) {
            return f.sandbox.hostPath(f.components);
        }
        if (d instanceof Descriptor.Directory dir) {
            return dir.sandbox.hostPath(dir.components);
        }
        throw Errno.fail(Errno.BADF);
    }

    private static Sandbox sandboxOf(Descriptor d) {
        if (d instanceof Descriptor.File f) {
            return f.sandbox;
        }
        if (d instanceof Descriptor.Directory dir) {
            return dir.sandbox;
        }
        throw Errno.fail(Errno.BADF);
    }

    private static void resize(FileChannel channel, long size) throws IOException {
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    private static void applyTimes(Path host, long atim, long mtim, int fst) throws IOException {
        if (((fst & FST_ATIM) != 0 && (fst & FST_ATIM_NOW) != 0) || ((fst & FST_MTIM) != 0 && (fst & FST_MTIM_NOW) != 0)
                || (fst & ~15) != 0) {
            throw Errno.fail(Errno.INVAL);
        }
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        FileTime a = (fst & FST_ATIM_NOW) != 0 ? now : (fst & FST_ATIM) != 0 ? FileTime.from(atim, TimeUnit.NANOSECONDS) : null;
        FileTime mt = (fst & FST_MTIM_NOW) != 0 ? now : (fst & FST_MTIM) != 0 ? FileTime.from(mtim, TimeUnit.NANOSECONDS) : null;
        Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mt, a, null);
    }

    private static int filetypeOf(BasicFileAttributes a) {
        if (a == null) {
            return Descriptor.FILETYPE_UNKNOWN;
        }
        if (a.isSymbolicLink()) {
            return Descriptor.FILETYPE_SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return Descriptor.FILETYPE_DIRECTORY;
        }
        if (a.isRegularFile()) {
            return Descriptor.FILETYPE_REGULAR_FILE;
        }
        return Descriptor.FILETYPE_UNKNOWN;
    }

    private static long inode(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return ino instanceof Number n ? n.longValue() : 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** The 64-byte filestat: dev, ino, filetype, nlink, size, atim, mtim, ctim. */
    private static void writeFilestat(WasiMemory m, int ptr, Path host, long sizeOverride) throws IOException {
        m.checkRange(ptr, 64);
        BasicFileAttributes a = Sandbox.attributesOf(host);
        if (a == null) {
            throw Errno.fail(Errno.NOENT);
        }
        long dev = 0;
        long ino = 0;
        long nlink = 1;
        long ctime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        try {
            Map<String, Object> unix = Files.readAttributes(host, "unix:dev,ino,nlink,ctime", LinkOption.NOFOLLOW_LINKS);
            dev = ((Number) unix.get("dev")).longValue();
            ino = ((Number) unix.get("ino")).longValue();
            nlink = ((Number) unix.get("nlink")).longValue();
            ctime = ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // not a POSIX filesystem: the basic attributes are all there is
        }
        m.zero(ptr, 64);
        m.writeI64(ptr, dev);
        m.writeI64(ptr + 8, ino);
        m.writeU8(ptr + 16, filetypeOf(a));
        m.writeI64(ptr + 24, nlink);
        m.writeI64(ptr + 32, sizeOverride >= 0 ? sizeOverride : a.size());
        m.writeI64(ptr + 40, a.lastAccessTime().to(TimeUnit.NANOSECONDS));
        m.writeI64(ptr + 48, a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        m.writeI64(ptr + 56, ctime);
    }
}
