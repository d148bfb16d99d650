package ai.wippy.runtime.wasi;

/**
 * An open WASI file descriptor: what it refers to, plus the rights and fdflags the guest holds on
 * it. Rights only ever shrink ({@code fd_fdstat_set_rights}).
 */
abstract sealed class Descriptor permits StreamDescriptor, FileDescriptor, DirectoryDescriptor {

    private long rightsBase;
    private long rightsInheriting;
    private int fdflags;

    Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    abstract int filetype();

    /** Releases host resources; the descriptor is unusable afterwards. */
    abstract void close();

    long rightsBase() {
        return rightsBase;
    }

    long rightsInheriting() {
        return rightsInheriting;
    }

    int fdflags() {
        return fdflags;
    }

    void setFdflags(int fdflags) {
        this.fdflags = fdflags;
    }

    /** Fails with ENOTCAPABLE unless the descriptor holds every right in {@code rights}. */
    void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
    }

    void restrictRights(long base, long inheriting) {
        if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
        rightsBase = base;
        rightsInheriting = inheriting;
    }
}
