package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** WASI preview 1 error numbers ({@code errno} in the witx) and the mapping from Java's I/O errors. */
final class Errno {

    static final int SUCCESS = 0;
    static final int TOOBIG = 1;
    static final int ACCES = 2;
    static final int AGAIN = 6;
    static final int BADF = 8;
    static final int BUSY = 10;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int FBIG = 22;
    static final int ILSEQ = 25;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int ISDIR = 31;
    static final int LOOP = 32;
    static final int MLINK = 34;
    static final int NAMETOOLONG = 37;
    static final int NOENT = 44;
    static final int NOMEM = 48;
    static final int NOSPC = 51;
    static final int NOSYS = 52;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int NOTSOCK = 57;
    static final int NOTSUP = 58;
    static final int OVERFLOW = 61;
    static final int PERM = 63;
    static final int PIPE = 64;
    static final int ROFS = 69;
    static final int SPIPE = 70;
    static final int XDEV = 75;
    static final int NOTCAPABLE = 76;

    private Errno() {
    }

    /** The errno a host I/O failure means to the guest. */
    static int of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return NOTDIR;
        }
        if (e instanceof AccessDeniedException) {
            return ACCES;
        }
        if (e instanceof FileSystemLoopException) {
            return LOOP;
        }
        if (e instanceof NotLinkException) {
            return INVAL;
        }
        if (e instanceof FileSystemException fse) {
            String reason = String.valueOf(fse.getReason()).toLowerCase(java.util.Locale.ROOT);
            if (reason.contains("is a directory")) {
                return ISDIR;
            }
            if (reason.contains("not a directory")) {
                return NOTDIR;
            }
            if (reason.contains("too many levels of symbolic links")) {
                return LOOP;
            }
            if (reason.contains("directory not empty")) {
                return NOTEMPTY;
            }
            if (reason.contains("no space")) {
                return NOSPC;
            }
            if (reason.contains("read-only file system")) {
                return ROFS;
            }
            if (reason.contains("invalid cross-device link")) {
                return XDEV;
            }
            if (reason.contains("file name too long")) {
                return NAMETOOLONG;
            }
            if (reason.contains("operation not permitted")) {
                return PERM;
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("is a directory")) {
            return ISDIR;
        }
        return IO;
    }

    /** A WASI call's failure, carried up to the host function that returns it. No stack trace: it is a value. */
    static final class Failure extends RuntimeException {
        final int errno;

        Failure(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    static Failure fail(int errno) {
        return new Failure(errno);
    }
}
