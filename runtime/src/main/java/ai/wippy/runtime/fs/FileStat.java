package ai.wippy.runtime.fs;

/** What {@code stat} tells of an object; times in nanoseconds since the epoch. */
public record FileStat(long dev, long ino, FileType type, long nlink, long size, long atimeNanos,
        long mtimeNanos, long ctimeNanos) {
}
