package ai.wippy.runtime.fs;

import java.util.List;

/**
 * An open directory inside a mount, and the only way to reach anything below it. Paths are
 * relative, {@code /}-separated, in the guest's syntax; whatever they contain ({@code ..},
 * symbolic links made by anyone, races with other processes renaming things), they resolve to
 * objects beneath this directory or fail with {@link FsError#PERM}. On Linux the kernel enforces
 * that ({@code openat2} with {@code RESOLVE_BENEATH}, or {@code openat} with {@code O_NOFOLLOW} one
 * component at a time); see {@link Sandbox} for the platforms where it cannot.
 *
 * <p>Every method throws {@link FsException} on failure. Methods that change anything throw
 * {@link FsError#ROFS} on a read-only mount before touching the host.
 */
public interface ConfinedDirectory extends AutoCloseable {

    /** Whether the mount this directory belongs to refuses every change. */
    boolean readOnly();

    /** Whether this is the directory the mount was made of (its root). */
    boolean isMountRoot();

    /** This directory's own metadata. */
    FileStat stat();

    /** Metadata of {@code path}; {@code follow}: of the target of a final link, else of the link. */
    FileStat stat(String path, boolean follow);

    /** Opens a directory below this one (a new handle, confined beneath <em>itself</em>). */
    ConfinedDirectory openDirectory(String path, boolean follow);

    /**
     * Opens {@code path}, which may turn out to be a directory (then {@link Opened#directory()} is
     * set) unless {@link OpenOptions#directory()} is required. Only regular files and directories
     * are opened; FIFOs, sockets and devices fail with {@link FsError#NOTSUP}.
     */
    Opened open(String path, OpenOptions options);

    /** The names in this directory, sorted, without {@code .} and {@code ..}. */
    List<DirEntry> list();

    void createDirectory(String path);

    void removeDirectory(String path);

    void unlinkFile(String path);

    /** Renames {@code from} (below this directory) to {@code to} (below {@code target}). */
    void rename(String from, ConfinedDirectory target, String to);

    /** Makes {@code to} (below {@code target}) a hard link to {@code from}. */
    void link(String from, boolean follow, ConfinedDirectory target, String to);

    /**
     * Creates a symbolic link. A guest may only make links that lead below the link's own
     * directory ({@link GuestPaths#requireContainedLinkTarget}): no absolute target and no
     * {@code ..}, so no link it leaves behind leads out of the mount, wherever it is moved later.
     */
    void symlink(String target, String path);

    /** The target of the link at {@code path}. */
    String readLink(String path);

    void setTimes(TimeUpdate access, TimeUpdate modification);

    void setTimes(String path, boolean follow, TimeUpdate access, TimeUpdate modification);

    /** Releases the host handle; idempotent. */
    @Override
    void close();

    /** The result of {@link #open}: exactly one of the two is set. */
    record Opened(ConfinedFile file, ConfinedDirectory directory) {
    }
}
