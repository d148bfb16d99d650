package ai.wippy.runtime.wasi;

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
import java.nio.file.ReadOnlyFileSystemException;

/** Maps host I/O failures to WASI errno values. */
final class HostErrors {

    private HostErrors() {
    }

    static WasiError toWasi(IOException e) {
        return new WasiError(errnoOf(e));
    }

    static int errnoOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.NOTDIR;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.ACCES;
        }
        if (e instanceof NotLinkException) {
            return Errno.INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.LOOP;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return Errno.XDEV;
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return errnoOfReason(fse.getReason());
        }
        return Errno.IO;
    }

    // The JDK reports most Unix errors only as strerror() text in FileSystemException.getReason().
    private static int errnoOfReason(String reason) {
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("is a directory")) {
            return Errno.ISDIR;
        }
        if (r.contains("not a directory")) {
            return Errno.NOTDIR;
        }
        if (r.contains("too many levels of symbolic links")) {
            return Errno.LOOP;
        }
        if (r.contains("directory not empty")) {
            return Errno.NOTEMPTY;
        }
        if (r.contains("file exists")) {
            return Errno.EXIST;
        }
        if (r.contains("invalid argument")) {
            return Errno.INVAL;
        }
        if (r.contains("read-only file system")) {
            return Errno.ROFS;
        }
        if (r.contains("operation not permitted")) {
            return Errno.PERM;
        }
        if (r.contains("permission denied")) {
            return Errno.ACCES;
        }
        if (r.contains("cross-device")) {
            return Errno.XDEV;
        }
        if (r.contains("no space left")) {
            return Errno.NOSPC;
        }
        if (r.contains("file name too long")) {
            return Errno.NAMETOOLONG;
        }
        if (r.contains("too many links")) {
            return Errno.MLINK;
        }
        if (r.contains("file too large")) {
            return Errno.FBIG;
        }
        if (r.contains("device or resource busy")) {
            return Errno.BUSY;
        }
        return Errno.IO;
    }

    static int errnoOf(UnsupportedOperationException e) {
        if (e instanceof ReadOnlyFileSystemException) {
            return Errno.ROFS;
        }
        return Errno.NOTSUP;
    }
}
