package ai.wippy.runtime.fs;

/** The kind of a filesystem object. */
public enum FileType {
    REGULAR_FILE, DIRECTORY, SYMBOLIC_LINK, CHARACTER_DEVICE, BLOCK_DEVICE, FIFO, SOCKET, UNKNOWN;

    /** From the {@code S_IFMT} bits of a Unix mode. */
    static FileType ofMode(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> REGULAR_FILE;
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMBOLIC_LINK;
            case 0020000 -> CHARACTER_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            default -> UNKNOWN;
        };
    }
}
