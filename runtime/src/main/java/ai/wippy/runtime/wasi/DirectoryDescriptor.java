package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.ConfinedDirectory;
import ai.wippy.runtime.fs.DirEntry;
import java.util.List;

/**
 * A directory: a handle on a directory of a mount, confined beneath itself (like cap-std: a
 * directory the guest opened is a new floor for {@code ..}). The cwd alias is the one exception:
 * it holds the mount root and prefixes every path with the cwd, so {@code ..} may climb from the
 * cwd up to the mount root, as a working directory allows. {@code preopenName} is set for preopens.
 */
final class DirectoryDescriptor extends Descriptor {

    private final ConfinedDirectory dir;
    private final String prefix;
    private final String preopenName;
    /** fd_readdir's listing, taken at cookie 0 and kept so later cookies index the same list. */
    private List<DirEntry> listing;

    DirectoryDescriptor(ConfinedDirectory dir, String prefix, String preopenName, long rightsBase,
            long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.dir = dir;
        this.prefix = prefix;
        this.preopenName = preopenName;
    }

    ConfinedDirectory dir() {
        return dir;
    }

    /** The path to hand to {@link #dir()} for a guest path relative to this descriptor. */
    String path(String guestPath) {
        if (prefix.isEmpty() || guestPath.isEmpty() || guestPath.startsWith("/")) {
            return guestPath; // empty and absolute paths fail as they are
        }
        return prefix + "/" + guestPath;
    }

    /** The path of the directory itself, relative to {@link #dir()}: "" unless this is the cwd alias. */
    String self() {
        return prefix;
    }

    String preopenName() {
        return preopenName;
    }

    List<DirEntry> listing(long cookie) {
        if (listing == null || cookie == 0) {
            listing = prefix.isEmpty() ? dir.list() : listPrefix();
        }
        return listing;
    }

    private List<DirEntry> listPrefix() {
        try (ConfinedDirectory cwd = dir.openDirectory(prefix, true)) {
            return cwd.list();
        }
    }

    @Override
    int filetype() {
        return WasiAbi.FILETYPE_DIRECTORY;
    }

    @Override
    void close() {
        dir.close();
    }
}
