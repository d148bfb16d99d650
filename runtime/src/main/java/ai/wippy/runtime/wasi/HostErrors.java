package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.FsError;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** Maps host failures to WASI errno values. */
final class HostErrors {

    private HostErrors() {
    }

    static WasiError toWasi(IOException e) {
        return new WasiError(errnoOf(e));
    }

    static int errnoOf(IOException e) {
        return e instanceof NoSuchFileException ? Errno.NOENT : Errno.IO;
    }

    static int errnoOf(UnsupportedOperationException e) {
        return Errno.NOTSUP;
    }

    static int errnoOf(FsError e) {
        return switch (e) {
            case PERM -> Errno.PERM;
            case NOENT -> Errno.NOENT;
            case INTR -> Errno.INTR;
            case IO -> Errno.IO;
            case NXIO -> Errno.NXIO;
            case BADF -> Errno.BADF;
            case AGAIN -> Errno.AGAIN;
            case NOMEM -> Errno.NOMEM;
            case ACCES -> Errno.ACCES;
            case FAULT -> Errno.FAULT;
            case BUSY -> Errno.BUSY;
            case EXIST -> Errno.EXIST;
            case XDEV -> Errno.XDEV;
            case NODEV -> Errno.NODEV;
            case NOTDIR -> Errno.NOTDIR;
            case ISDIR -> Errno.ISDIR;
            case INVAL -> Errno.INVAL;
            case NFILE -> Errno.NFILE;
            case MFILE -> Errno.MFILE;
            case NOTTY -> Errno.NOTTY;
            case TXTBSY -> Errno.TXTBSY;
            case FBIG -> Errno.FBIG;
            case NOSPC -> Errno.NOSPC;
            case SPIPE -> Errno.SPIPE;
            case ROFS -> Errno.ROFS;
            case MLINK -> Errno.MLINK;
            case PIPE -> Errno.PIPE;
            case NAMETOOLONG -> Errno.NAMETOOLONG;
            case NOLCK -> Errno.NOLCK;
            case NOSYS -> Errno.NOSYS;
            case NOTEMPTY -> Errno.NOTEMPTY;
            case LOOP -> Errno.LOOP;
            case OVERFLOW -> Errno.OVERFLOW;
            case ILSEQ -> Errno.ILSEQ;
            case NOTSUP -> Errno.NOTSUP;
            case DQUOT -> Errno.DQUOT;
            case STALE -> Errno.STALE;
        };
    }
}
