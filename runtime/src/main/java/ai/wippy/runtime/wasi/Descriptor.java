package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.List;

/** An open file descriptor of a guest: what it refers to and the rights and flags it carries. */
abstract class Descriptor {

    static final int FILETYPE_UNKNOWN = 0;
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;
    static final int FILETYPE_SYMBOLIC_LINK = 7;

    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_NONBLOCK = 4;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;

    long rightsBase;
    long rightsInheriting;
    int flags;

    Descriptor(long rightsBase, long rightsInheriting, int flags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.flags = flags;
    }

    abstract int filetype();

    void close() throws IOException {
    }

    /** Fails the call unless this descriptor carries {@code right}. */
    void require(long right) {
        if ((rightsBase & right) == 0) {
            throw Errno.fail(Errno.BADF);
        }
    }

    /** stdin, stdout or stderr. */
    static final class Stream extends Descriptor {
        final InputStream in;
        final OutputStream out;

        Stream(InputStream in, OutputStream out) {
            super(in != null ? Rights.STDIO & ~Rights.FD_WRITE : Rights.STDIO & ~Rights.FD_READ, 0, 0);
            this.in = in;
            this.out = out;
        }

        @Override
        int filetype() {
            return FILETYPE_CHARACTER_DEVICE;
        }
    }

    /** A directory under a mount; {@code preopenName} is set for the preopened ones. */
    static final class Directory extends Descriptor {
        final Sandbox sandbox;
        final List<String> components;
        final String preopenName;

        Directory(Sandbox sandbox, List<String> components, String preopenName, long rightsBase, long rightsInheriting) {
            super(rightsBase, rightsInheriting, 0);
            this.sandbox = sandbox;
            this.components = List.copyOf(components);
            this.preopenName = preopenName;
        }

        @Override
        int filetype() {
            return FILETYPE_DIRECTORY;
        }
    }

    /** A regular file under a mount. */
    static final class File extends Descriptor {
        final Sandbox sandbox;
        final List<String> components;
        final FileChannel channel;
        final boolean readable;
        final boolean writable;

        File(Sandbox sandbox, List<String> components, FileChannel channel, boolean readable, boolean writable,
                long rightsBase, long rightsInheriting, int flags) {
            super(rightsBase, rightsInheriting, flags);
            this.sandbox = sandbox;
            this.components = List.copyOf(components);
            this.channel = channel;
            this.readable = readable;
            this.writable = writable;
        }

        @Override
        int filetype() {
            return FILETYPE_REGULAR_FILE;
        }

        @Override
        void close() throws IOException {
            channel.close();
        }
    }
}
