package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.FileStat;
import ai.wippy.runtime.fs.FileType;

/** A WASI {@code filestat}. */
record FileStats(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {

    static final FileStats CHARACTER_DEVICE =
            new FileStats(0, 0, WasiAbi.FILETYPE_CHARACTER_DEVICE, 1, 0, 0, 0, 0);

    static FileStats of(FileStat s) {
        return new FileStats(s.dev(), s.ino(), filetype(s.type()), s.nlink(), s.size(), s.atimeNanos(),
                s.mtimeNanos(), s.ctimeNanos());
    }

    static int filetype(FileType type) {
        return switch (type) {
            case REGULAR_FILE -> WasiAbi.FILETYPE_REGULAR_FILE;
            case DIRECTORY -> WasiAbi.FILETYPE_DIRECTORY;
            case SYMBOLIC_LINK -> WasiAbi.FILETYPE_SYMBOLIC_LINK;
            case CHARACTER_DEVICE -> WasiAbi.FILETYPE_CHARACTER_DEVICE;
            case BLOCK_DEVICE -> WasiAbi.FILETYPE_BLOCK_DEVICE;
            case SOCKET -> WasiAbi.FILETYPE_SOCKET_STREAM;
            case FIFO, UNKNOWN -> WasiAbi.FILETYPE_UNKNOWN;
        };
    }

    void write(GuestMemory mem, int ptr) {
        mem.check(ptr, WasiAbi.FILESTAT_SIZE);
        mem.writeI64(ptr, dev);
        mem.writeI64(ptr + 8, ino);
        mem.writeI64(ptr + 16, 0);
        mem.writeU8(ptr + 16, filetype);
        mem.writeI64(ptr + 24, nlink);
        mem.writeI64(ptr + 32, size);
        mem.writeI64(ptr + 40, atim);
        mem.writeI64(ptr + 48, mtim);
        mem.writeI64(ptr + 56, ctim);
    }
}
