package ai.wippy.runtime.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/** Maps the JDK's I/O exceptions (which carry no errno) to {@link FsError}s. */
final class NioErrors {

    private NioErrors() {
    }

    static FsException of(IOException e) {
        return new FsException(errorOf(e));
    }

    static FsError errorOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return FsError.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return FsError.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return FsError.NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return FsError.NOTDIR;
        }
        if (e instanceof AccessDeniedException) {
            return FsError.ACCES;
        }
        if (e instanceof NotLinkException) {
            return FsError.INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return FsError.LOOP;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return FsError.XDEV;
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return ofReason(fse.getReason());
        }
        if (e.getMessage() != null) {
            return ofReason(e.getMessage());
        }
        return FsError.IO;
    }

    // The JDK reports most Unix errors only as strerror() text.
    private static FsError ofReason(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("is a directory")) {
            return FsError.ISDIR;
        }
        if (r.contains("not a directory")) {
            return FsError.NOTDIR;
        }
        if (r.contains("too many levels of symbolic links")) {
            return FsError.LOOP;
        }
        if (r.contains("directory not empty")) {
            return FsError.NOTEMPTY;
        }
        if (r.contains("file exists")) {
            return FsError.EXIST;
        }
        if (r.contains("invalid argument")) {
            return FsError.INVAL;
        }
        if (r.contains("read-only file system")) {
            return FsError.ROFS;
        }
        if (r.contains("operation not permitted")) {
            return FsError.PERM;
        }
        if (r.contains("permission denied")) {
            return FsError.ACCES;
        }
        if (r.contains("cross-device")) {
            return FsError.XDEV;
        }
        if (r.contains("no space left")) {
            return FsError.NOSPC;
        }
        if (r.contains("file name too long")) {
            return FsError.NAMETOOLONG;
        }
        if (r.contains("too many links")) {
            return FsError.MLINK;
        }
        if (r.contains("file too large")) {
            return FsError.FBIG;
        }
        if (r.contains("device or resource busy")) {
            return FsError.BUSY;
        }
        if (r.contains("too many open files")) {
            return FsError.MFILE;
        }
        return FsError.IO;
    }
}
