package ai.wippy.runtime.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The portable fallback, for platforms without the Linux {@code *at} calls: the JDK can only open
 * full paths, which the OS resolves again, so a link appearing mid-path could redirect it. This
 * implementation therefore follows no link at all (a path through one fails with EPERM) and makes
 * none (NOTSUP); what remains is a race with <em>host</em> processes planting a link
 * between our check and the open, which guests cannot provoke since they cannot create links.
 */
final class NioDirectory implements ConfinedDirectory {

    record NioMount(Path root, boolean readOnly, DescriptorBudget budget) {
    }

    private final NioMount mount;
    private final List<String> base;
    private volatile boolean closed;

    NioDirectory(NioMount mount, List<String> base) {
        this.mount = mount;
        this.base = List.copyOf(base);
    }

    private record Resolved(Path host, List<String> names, boolean named, boolean trailingSlash) {
    }

    @Override
    public boolean readOnly() {
        return mount.readOnly();
    }

    @Override
    public boolean isMountRoot() {
        return base.isEmpty();
    }

    private void requireWritable() {
        if (mount.readOnly()) {
            throw new FsException(FsError.ROFS);
        }
    }

    private Path host(List<String> names) {
        Path p = mount.root();
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }

    /** The directory itself, re-checked: held by names, it must still be a directory reached without links. */
    private List<String> verifiedBase() {
        if (closed) {
            throw new FsException(FsError.BADF);
        }
        Path p = mount.root();
        for (String name : base) {
            p = p.resolve(name);
            BasicFileAttributes a = lstatOrNull(p);
            if (a == null || !a.isDirectory()) {
                throw new FsException(FsError.NOENT);
            }
        }
        return base;
    }

    private Resolved resolve(String path, boolean followLast) {
        GuestPaths.requireRelative(path);
        List<String> names = new ArrayList<>(verifiedBase());
        boolean trailingSlash = GuestPaths.hasTrailingSlash(path);
        Deque<String> pending = new ArrayDeque<>(GuestPaths.split(path));
        boolean named = false;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            boolean last = pending.isEmpty();
            if (name.equals(".")) {
                named = false;
                continue;
            }
            if (name.equals("..")) {
                if (names.size() <= base.size()) {
                    throw new FsException(FsError.PERM);
                }
                names.remove(names.size() - 1);
                named = false;
                continue;
            }
            if (!last || followLast || trailingSlash) {
                BasicFileAttributes a = lstatOrNull(host(names).resolve(name));
                if (a == null) {
                    if (!last) {
                        throw new FsException(FsError.NOENT);
                    }
                } else if (a.isSymbolicLink()) {
                    throw new FsException(FsError.PERM); // no link is followed here, see the class comment
                } else if (!last && !a.isDirectory()) {
                    throw new FsException(FsError.NOTDIR);
                }
            }
            names.add(name);
            named = true;
        }
        Path host = host(names);
        if (trailingSlash) {
            BasicFileAttributes a = lstatOrNull(host);
            if (a != null && !a.isDirectory()) {
                throw new FsException(FsError.NOTDIR);
            }
        }
        return new Resolved(host, names, named, trailingSlash);
    }

    static BasicFileAttributes lstatOrNull(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public FileStat stat() {
        return statOf(host(verifiedBase()));
    }

    @Override
    public FileStat stat(String path, boolean follow) {
        return statOf(resolve(path, follow).host());
    }

    static FileStat statOf(Path p) {
        try {
            BasicFileAttributes basic = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> unix = unix(p);
            long dev = unix == null ? 0 : ((Number) unix.get("dev")).longValue();
            long ino = unix == null ? 0 : ((Number) unix.get("ino")).longValue();
            long nlink = unix == null ? 1 : ((Number) unix.get("nlink")).longValue();
            int mode = unix == null ? 0 : ((Number) unix.get("mode")).intValue();
            long ctime = unix == null ? nanos(basic.lastModifiedTime()) : nanos((FileTime) unix.get("ctime"));
            FileType type = basic.isSymbolicLink() ? FileType.SYMBOLIC_LINK : basic.isDirectory() ? FileType.DIRECTORY
                    : basic.isRegularFile() ? FileType.REGULAR_FILE : FileType.ofMode(mode);
            return new FileStat(dev, ino, type, nlink, basic.size(), nanos(basic.lastAccessTime()),
                    nanos(basic.lastModifiedTime()), ctime);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    private static Map<String, Object> unix(Path p) {
        try {
            return Files.readAttributes(p, "unix:dev,ino,nlink,mode,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public ConfinedDirectory openDirectory(String path, boolean follow) {
        Resolved r = resolve(path, follow);
        BasicFileAttributes a = lstatOrNull(r.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (!a.isDirectory()) {
            throw new FsException(a.isSymbolicLink() ? FsError.LOOP : FsError.NOTDIR);
        }
        return new NioDirectory(mount, r.names());
    }

    @Override
    public Opened open(String path, OpenOptions o) {
        Resolved r = resolve(path, o.follow());
        BasicFileAttributes a = lstatOrNull(r.host());
        if (a != null && a.isSymbolicLink()) {
            throw new FsException(o.directory() ? FsError.NOTDIR : FsError.LOOP);
        }
        boolean write = o.write() || o.append();
        if (a == null) {
            if (!o.create()) {
                throw new FsException(FsError.NOENT);
            }
            if (r.trailingSlash()) {
                throw new FsException(FsError.ISDIR);
            }
            requireWritable();
        } else {
            if (o.create() && o.exclusive()) {
                throw new FsException(FsError.EXIST);
            }
            if (a.isDirectory()) {
                if (write || o.truncate()) {
                    throw new FsException(FsError.ISDIR);
                }
                return new Opened(null, new NioDirectory(mount, r.names()));
            }
            if (o.directory()) {
                throw new FsException(FsError.NOTDIR);
            }
            if (!a.isRegularFile()) {
                throw new FsException(FsError.NOTSUP);
            }
            if (write || o.truncate()) {
                requireWritable();
            }
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (o.read() || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (write || o.truncate() || (o.create() && a == null)) {
            options.add(StandardOpenOption.WRITE);
        }
        if (o.create() && !mount.readOnly()) {
            options.add(o.exclusive() ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (o.truncate()) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        mount.budget().acquire();
        try {
            FileChannel channel = FileChannel.open(r.host(), options);
            return new Opened(new NioFile(channel, r.host(), mount.readOnly(), o.append(), mount.budget()), null);
        } catch (IOException e) {
            mount.budget().release();
            throw NioErrors.of(e);
        } catch (RuntimeException e) {
            mount.budget().release();
            throw e;
        }
    }

    @Override
    public List<DirEntry> list() {
        Path self = host(verifiedBase());
        List<DirEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(self)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                try {
                    FileStat s = statOf(child);
                    entries.add(new DirEntry(child.getFileName().toString(), s.ino(), s.type()));
                } catch (FsException gone) {
                    // removed while we listed
                }
            }
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
        entries.sort(Comparator.comparing(DirEntry::name));
        return entries;
    }

    @Override
    public void createDirectory(String path) {
        requireWritable();
        Resolved r = resolve(path, false);
        if (!r.named()) {
            throw new FsException(FsError.EXIST);
        }
        try {
            Files.createDirectory(r.host());
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public void removeDirectory(String path) {
        requireWritable();
        Resolved r = resolve(path, false);
        if (!r.named()) {
            throw new FsException(r.names().isEmpty() ? FsError.BUSY : FsError.INVAL);
        }
        BasicFileAttributes a = lstatOrNull(r.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (!a.isDirectory()) {
            throw new FsException(FsError.NOTDIR);
        }
        delete(r.host());
    }

    @Override
    public void unlinkFile(String path) {
        requireWritable();
        Resolved r = resolve(path, false);
        BasicFileAttributes a = lstatOrNull(r.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (a.isDirectory()) {
            throw new FsException(FsError.ISDIR);
        }
        delete(r.host());
    }

    @Override
    public void rename(String from, ConfinedDirectory target, String to) {
        NioDirectory dest = sameKind(target);
        requireWritable();
        dest.requireWritable();
        Resolved src = resolve(from, false);
        Resolved dst = dest.resolve(to, false);
        if (!src.named() || !dst.named()) {
            throw new FsException(src.names().isEmpty() || dst.names().isEmpty() ? FsError.BUSY : FsError.INVAL);
        }
        BasicFileAttributes a = lstatOrNull(src.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (dst.trailingSlash() && !a.isDirectory()) {
            throw new FsException(FsError.NOTDIR);
        }
        requireMovable(src.host(), a);
        try {
            Files.move(src.host(), dst.host(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public void link(String from, boolean follow, ConfinedDirectory target, String to) {
        NioDirectory dest = sameKind(target);
        requireWritable();
        dest.requireWritable();
        Resolved src = resolve(from, follow);
        Resolved dst = dest.resolve(to, false);
        BasicFileAttributes a = lstatOrNull(src.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (a.isDirectory()) {
            throw new FsException(FsError.PERM);
        }
        if (!dst.named() || lstatOrNull(dst.host()) != null) {
            throw new FsException(FsError.EXIST);
        }
        if (dst.trailingSlash()) {
            throw new FsException(FsError.NOENT);
        }
        requireMovable(src.host(), a);
        try {
            Files.createLink(dst.host(), src.host());
        } catch (IOException e) {
            throw NioErrors.of(e);
        } catch (UnsupportedOperationException e) {
            throw new FsException(FsError.NOTSUP);
        }
    }

    private static void requireMovable(Path p, BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            try {
                if (!GuestPaths.isContainedLinkTarget(Files.readSymbolicLink(p).toString())) {
                    throw new FsException(FsError.PERM);
                }
            } catch (IOException e) {
                throw NioErrors.of(e);
            }
        }
    }

    @Override
    public void symlink(String target, String path) {
        requireWritable();
        GuestPaths.requireContainedLinkTarget(target);
        resolve(path, false);
        // Links are never followed here, so a guest could not use one it made: refuse to make it.
        throw new FsException(FsError.NOTSUP);
    }

    @Override
    public String readLink(String path) {
        Resolved r = resolve(path, false);
        BasicFileAttributes a = lstatOrNull(r.host());
        if (a == null) {
            throw new FsException(FsError.NOENT);
        }
        if (!a.isSymbolicLink()) {
            throw new FsException(FsError.INVAL);
        }
        try {
            return Files.readSymbolicLink(r.host()).toString();
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public void setTimes(TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        setTimesOf(host(verifiedBase()), access, modification);
    }

    @Override
    public void setTimes(String path, boolean follow, TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        Resolved r = resolve(path, follow);
        if (lstatOrNull(r.host()) == null) {
            throw new FsException(FsError.NOENT);
        }
        setTimesOf(r.host(), access, modification);
    }

    static void setTimesOf(Path p, TimeUpdate access, TimeUpdate modification) {
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(fileTime(modification), fileTime(access), null);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    private static FileTime fileTime(TimeUpdate u) {
        return switch (u.kind()) {
            case KEEP -> null;
            case NOW -> FileTime.from(Instant.now());
            case SET -> FileTime.from(Instant.ofEpochSecond(0, u.nanos()));
        };
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    private NioDirectory sameKind(ConfinedDirectory other) {
        if (other instanceof NioDirectory d) {
            return d;
        }
        throw new FsException(FsError.XDEV);
    }

    @Override
    public void close() {
        closed = true;
    }
}
