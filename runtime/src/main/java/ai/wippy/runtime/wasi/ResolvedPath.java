package ai.wippy.runtime.wasi;

import java.nio.file.Path;
import java.util.List;

/**
 * A guest path resolved inside a {@link ConfinedTree}: {@code names} lead from the tree root to
 * the object (every name but the last is a real directory); {@code named} is false when the path
 * ended in {@code .} or {@code ..} and so denotes a directory rather than an entry in one;
 * {@code trailingSlash} when the guest wrote {@code name/}.
 */
record ResolvedPath(ConfinedTree tree, List<String> names, boolean named, boolean trailingSlash) {

    Path host() {
        return tree.hostPath(names);
    }

    boolean isTreeRoot() {
        return names.isEmpty();
    }
}
