package ai.wippy.runtime.fs;

/**
 * Why a filesystem operation failed, as the POSIX error it corresponds to. Host interfaces map
 * these to their own codes (WASI preview 1 errno values, the preview 2 {@code error-code} enum),
 * so one confined layer serves both.
 */
public enum FsError {
    PERM, NOENT, INTR, IO, NXIO, BADF, AGAIN, NOMEM, ACCES, FAULT, BUSY, EXIST, XDEV, NODEV, NOTDIR,
    ISDIR, INVAL, NFILE, MFILE, NOTTY, TXTBSY, FBIG, NOSPC, SPIPE, ROFS, MLINK, PIPE, NAMETOOLONG,
    NOLCK, NOSYS, NOTEMPTY, LOOP, OVERFLOW, ILSEQ, NOTSUP, DQUOT, STALE;

    /** The error for a Linux errno value (the same numbers on x86-64 and AArch64). */
    static FsError ofLinuxErrno(int errno) {
        return switch (errno) {
            case 1 -> PERM;
            case 2 -> NOENT;
            case 4 -> INTR;
            case 6 -> NXIO;
            case 9 -> BADF;
            case 11 -> AGAIN;
            case 12 -> NOMEM;
            case 13 -> ACCES;
            case 14 -> FAULT;
            case 16 -> BUSY;
            case 17 -> EXIST;
            case 18 -> XDEV;
            case 19 -> NODEV;
            case 20 -> NOTDIR;
            case 21 -> ISDIR;
            case 22 -> INVAL;
            case 23 -> NFILE;
            case 24 -> MFILE;
            case 25 -> NOTTY;
            case 26 -> TXTBSY;
            case 27 -> FBIG;
            case 28 -> NOSPC;
            case 29 -> SPIPE;
            case 30 -> ROFS;
            case 31 -> MLINK;
            case 32 -> PIPE;
            case 36 -> NAMETOOLONG;
            case 37 -> NOLCK;
            case 38 -> NOSYS;
            case 39 -> NOTEMPTY;
            case 40 -> LOOP;
            case 75 -> OVERFLOW;
            case 84 -> ILSEQ;
            case 95 -> NOTSUP;
            case 116 -> STALE;
            case 122 -> DQUOT;
            default -> IO;
        };
    }
}
