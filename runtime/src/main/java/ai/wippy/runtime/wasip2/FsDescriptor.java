package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.fs.ConfinedDirectory;
import ai.wippy.runtime.fs.ConfinedFile;

/**
 * A wasi:filesystem {@code descriptor}: an open directory or file of a mount, with the
 * descriptor-flags it was opened with (a descriptor never gains rights: a child gets at most its
 * parent's). Streams made from a file share its host handle, which is closed when the descriptor
 * and every stream from it are gone.
 */
final class FsDescriptor implements AutoCloseable {

    final ConfinedDirectory directory;
    final ConfinedFile file;
    final boolean read;
    final boolean write;
    /** May create, rename, link and remove names below this directory. */
    final boolean mutateDirectory;
    private final FsBudget budget;
    private int users = 1;

    private FsDescriptor(ConfinedDirectory directory, ConfinedFile file, boolean read, boolean write,
            boolean mutateDirectory, FsBudget budget) {
        this.directory = directory;
        this.file = file;
        this.read = read;
        this.write = write;
        this.mutateDirectory = mutateDirectory;
        this.budget = budget;
    }

    static FsDescriptor directory(ConfinedDirectory d, boolean read, boolean mutate, FsBudget budget) {
        return new FsDescriptor(d, null, read, false, mutate, budget);
    }

    static FsDescriptor file(ConfinedFile f, boolean read, boolean write, FsBudget budget) {
        return new FsDescriptor(null, f, read, write, false, budget);
    }

    boolean isDirectory() {
        return directory != null;
    }

    /** A stream starts using the host handle. */
    void retain() {
        users++;
    }

    /** The descriptor or one of its streams is dropped. */
    void release() {
        if (--users == 0) {
            if (directory != null) {
                directory.close();
            } else {
                file.close();
            }
            budget.released();
        }
    }

    @Override
    public void close() {
        release();
    }
}
