package ai.wippy.runtime.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An open regular file (or other non-directory). The channel is a handle on the open file, so
 * reads and writes keep working when the guest renames it; metadata calls use the path it had.
 */
final class FileDescriptor extends Descriptor {

    private final FileChannel channel;
    private final ResolvedPath path;
    private final int filetype;

    FileDescriptor(FileChannel channel, ResolvedPath path, int filetype, long rightsBase,
            long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.path = path;
        this.filetype = filetype;
    }

    FileChannel channel() {
        return channel;
    }

    ResolvedPath path() {
        return path;
    }

    ConfinedTree tree() {
        return path.tree();
    }

    @Override
    int filetype() {
        return filetype;
    }

    @Override
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing the guest could do about a failing close of a read or an already flushed write.
        }
    }
}
