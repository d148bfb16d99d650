package ai.wippy.runtime.fs;

/**
 * An open regular file. It is a handle on the object, not on a name: it keeps working when the
 * file is renamed or unlinked. Reads and writes move at most {@link #MAX_TRANSFER} bytes per call
 * (a short count, as {@code read(2)} may return), so one call never holds a thread for long.
 */
public interface ConfinedFile extends AutoCloseable {

    /** The most bytes one read or write transfers. */
    int MAX_TRANSFER = 1 << 20;

    boolean readOnly();

    /** Reads at the current position and advances it; 0 at end of file. */
    int read(byte[] buffer, int offset, int length);

    /** Reads at {@code position} without moving the current position; 0 at end of file. */
    int read(byte[] buffer, int offset, int length, long position);

    /** Writes at the current position (at the end in append mode) and advances it. */
    int write(byte[] buffer, int offset, int length);

    /** Writes at {@code position} without moving the current position. */
    int write(byte[] buffer, int offset, int length, long position);

    long seek(long offset, Whence whence);

    long position();

    long size();

    void setSize(long size);

    /** Makes sure {@code [offset, offset + length)} is allocated (the file grows if needed). */
    void allocate(long offset, long length);

    void advise(long offset, long length, Advice advice);

    /** Flushes to stable storage; {@code metadata}: also the metadata (fsync rather than fdatasync). */
    void sync(boolean metadata);

    boolean append();

    void setAppend(boolean append);

    FileStat stat();

    void setTimes(TimeUpdate access, TimeUpdate modification);

    @Override
    void close();
}
