package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.ConfinedFile;

/**
 * An open regular file: a handle on the object (not its name), so reads, writes and stat keep
 * working when the guest renames or unlinks it.
 */
final class FileDescriptor extends Descriptor {

    private final ConfinedFile file;

    FileDescriptor(ConfinedFile file, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.file = file;
    }

    ConfinedFile file() {
        return file;
    }

    @Override
    int filetype() {
        return WasiAbi.FILETYPE_REGULAR_FILE;
    }

    @Override
    void close() {
        file.close();
    }
}
