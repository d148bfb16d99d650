package ai.wippy.runtime.fs;

/**
 * Opens a path beneath a directory descriptor so that nothing outside can be reached, whatever
 * the path and the links on the way say, and whatever other processes rename meanwhile.
 */
interface PathLookup {

    /**
     * Opens {@code path} relative to {@code dirfd} with the {@code open(2)} {@code flags}
     * ({@code O_CLOEXEC} is added); a link in the last component is followed when {@code followLast}.
     * Escapes fail with {@link FsError#PERM}. The caller owns the returned descriptor.
     */
    int open(int dirfd, String path, int flags, int mode, boolean followLast);

    /** A name for messages: which mechanism enforces confinement. */
    String mechanism();
}
