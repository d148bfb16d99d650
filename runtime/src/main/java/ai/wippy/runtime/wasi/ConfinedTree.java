package ai.wippy.runtime.wasi;

import java.nio.file.Path;
import java.util.List;

/**
 * One mounted host directory tree. Guest paths are lists of plain names (no {@code .}, {@code ..},
 * separators or links) below {@link #root}; see {@link PathResolver} for how they are obtained.
 */
record ConfinedTree(Path root, boolean readOnly) {

    /** The host path of an already resolved list of names. */
    Path hostPath(List<String> names) {
        Path p = root;
        for (String name : names) {
            p = p.resolve(name);
        }
        return p;
    }

    void requireWritable() {
        if (readOnly) {
            throw new WasiError(Errno.ROFS);
        }
    }
}
