package ai.wippy.runtime.engine;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a compiled-code cache directory, and an entry in it, may be trusted: code loaded from the
 * cache runs inside the build with the build's rights, so only its user (or root) may be able to
 * put files there. The rule is ssh's for its keys: the directory, every directory above it and
 * every entry must be owned by the current user or root, and none may be writable by group or
 * others (a directory above may be, when its sticky bit keeps others from renaming what is not
 * theirs, as for {@code /tmp}). Symbolic links are followed for the directory (its real path is
 * checked) but an entry must be a plain file.
 *
 * <p>Only POSIX file systems are checked; on others (Windows) there are no such permissions to read
 * and the directory is used as it is.
 */
final class CacheTrust {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final int STICKY = 01000;

    private CacheTrust() {
    }

    /** Why {@code dir} must not be used, as a sentence that says how to fix it; empty when it may. */
    static Optional<String> directoryProblem(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!posix(real.getFileSystem())) {
            return Optional.empty();
        }
        for (Path p = real; p != null; p = p.getParent()) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            boolean self = p.equals(real);
            Optional<String> owner = ownerProblem(p, a);
            if (owner.isPresent()) {
                return Optional.of((self ? "" : "the directory above it, ") + owner.get()
                        + "; chown it to yourself or set another wippy.cacheDirectory");
            }
            if (writableByOthers(a) && (self || !sticky(p))) {
                String mode = mode(p, a);
                return Optional.of((self ? "" : "the directory above it, ") + p + " is writable by group or others ("
                        + mode + "), so another user could plant code the build would run; fix it with: chmod go-w " + p);
            }
        }
        return Optional.empty();
    }

    /** Why the entry {@code file} must not be read; empty when it may. */
    static Optional<String> entryProblem(Path file, PosixFileAttributes a) throws IOException {
        if (!a.isRegularFile()) {
            return Optional.of("not a regular file");
        }
        Optional<String> owner = ownerProblem(file, a);
        if (owner.isPresent()) {
            return owner;
        }
        if (writableByOthers(a)) {
            return Optional.of("writable by group or others (" + mode(file, a) + ")");
        }
        return Optional.empty();
    }

    /** Attributes of an entry without following a symbolic link; empty on a non-POSIX file system. */
    static Optional<PosixFileAttributes> entryAttributes(Path file) throws IOException {
        if (!posix(file.getFileSystem())) {
            return Optional.empty();
        }
        return Optional.of(Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }

    private static boolean writableByOthers(PosixFileAttributes a) {
        return a.permissions().stream().anyMatch(GROUP_OR_OTHERS_WRITE::contains);
    }

    private static Optional<String> ownerProblem(Path p, PosixFileAttributes a) throws IOException {
        if (unix(p)) {
            int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int me = CurrentUser.uid();
            if (uid != me && uid != 0) {
                return Optional.of(p + " is owned by uid " + uid + ", not by you (uid " + me + ") or root");
            }
            return Optional.empty();
        }
        UserPrincipal owner = a.owner();
        String me = System.getProperty("user.name");
        if (!owner.getName().equals(me) && !owner.getName().equals("root")) {
            return Optional.of(p + " is owned by " + owner.getName() + ", not by you (" + me + ") or root");
        }
        return Optional.empty();
    }

    private static boolean unix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    private static boolean sticky(Path dir) throws IOException {
        // without the "unix" view the sticky bit cannot be read: then only an unwritable directory is safe
        return unix(dir) && ((Integer) Files.getAttribute(dir, "unix:mode") & STICKY) != 0;
    }

    private static String mode(Path p, PosixFileAttributes a) throws IOException {
        if (unix(p)) {
            return String.format("mode %04o", (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)
                    & 07777);
        }
        return PosixFilePermissions.toString(a.permissions());
    }

    /** The user this JVM runs as: the owner of a file it creates (Java has no getuid()). */
    private static final class CurrentUser {
        private static final int UID = probe();

        static int uid() throws IOException {
            if (UID < 0) {
                throw new IOException("cannot tell which user this JVM runs as (creating a temporary file failed)");
            }
            return UID;
        }

        private static int probe() {
            try {
                Path probe = Files.createTempFile("wippy-uid-", ".probe");
                try {
                    return (Integer) Files.getAttribute(probe, "unix:uid");
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
