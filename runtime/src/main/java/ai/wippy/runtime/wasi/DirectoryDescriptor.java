package ai.wippy.runtime.wasi;

import java.util.List;

/**
 * A directory, held by its place in a {@link ConfinedTree}: {@code base} names lead from the tree
 * root to it; {@code ..} may not climb above {@code floor} names (0 for a preopen, the directory
 * itself for one the guest opened, like cap-std). {@code preopenName} is set for preopens.
 */
final class DirectoryDescriptor extends Descriptor {

    private final ConfinedTree tree;
    private final List<String> base;
    private final int floor;
    private final String preopenName;

    DirectoryDescriptor(ConfinedTree tree, List<String> base, int floor, String preopenName,
            long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.tree = tree;
        this.base = List.copyOf(base);
        this.floor = floor;
        this.preopenName = preopenName;
    }

    ConfinedTree tree() {
        return tree;
    }

    List<String> base() {
        return base;
    }

    int floor() {
        return floor;
    }

    String preopenName() {
        return preopenName;
    }

    /** This directory as a resolved path (re-checked, see {@link PathResolver#verifiedBase}). */
    ResolvedPath self() {
        return new ResolvedPath(tree, PathResolver.verifiedBase(this), false, false);
    }

    @Override
    int filetype() {
        return WasiAbi.FILETYPE_DIRECTORY;
    }

    @Override
    void close() {
    }
}
