package ai.wippy.runtime.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A regular file on a {@link FileChannel} (the portable fallback). Metadata calls use its path. */
final class NioFile implements ConfinedFile {

    private final FileChannel channel;
    private final Path path;
    private final boolean readOnly;
    private final DescriptorBudget budget;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean append;

    NioFile(FileChannel channel, Path path, boolean readOnly, boolean append, DescriptorBudget budget) {
        this.channel = channel;
        this.path = path;
        this.readOnly = readOnly;
        this.append = append;
        this.budget = budget;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    private void requireWritable() {
        if (readOnly) {
            throw new FsException(FsError.ROFS);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        try {
            int n = channel.read(ByteBuffer.wrap(buffer, offset, Math.min(length, MAX_TRANSFER)));
            return Math.max(n, 0);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long position) {
        try {
            int n = channel.read(ByteBuffer.wrap(buffer, offset, Math.min(length, MAX_TRANSFER)), position);
            return Math.max(n, 0);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        requireWritable();
        try {
            if (append) {
                channel.position(channel.size());
            }
            return channel.write(ByteBuffer.wrap(buffer, offset, Math.min(length, MAX_TRANSFER)));
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public int write(byte[] buffer, int offset, int length, long position) {
        requireWritable();
        try {
            return channel.write(ByteBuffer.wrap(buffer, offset, Math.min(length, MAX_TRANSFER)), position);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public long seek(long offset, Whence whence) {
        try {
            long from = switch (whence) {
                case SET -> 0;
                case CURRENT -> channel.position();
                case END -> channel.size();
            };
            long target = Math.addExact(from, offset);
            if (target < 0) {
                throw new FsException(FsError.INVAL);
            }
            channel.position(target);
            return target;
        } catch (ArithmeticException e) {
            throw new FsException(FsError.OVERFLOW);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public long position() {
        try {
            return channel.position();
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public void setSize(long size) {
        requireWritable();
        try {
            if (size < channel.size()) {
                channel.truncate(size);
            } else if (size > channel.size()) {
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public void allocate(long offset, long length) {
        requireWritable();
        long end;
        try {
            end = Math.addExact(offset, length);
        } catch (ArithmeticException e) {
            throw new FsException(FsError.FBIG);
        }
        if (end > size()) {
            setSize(end);
        }
    }

    @Override
    public void advise(long offset, long length, Advice advice) {
        // only a hint; the JDK has no way to pass it on
    }

    @Override
    public void sync(boolean metadata) {
        try {
            channel.force(metadata);
        } catch (IOException e) {
            throw NioErrors.of(e);
        }
    }

    @Override
    public boolean append() {
        return append;
    }

    @Override
    public void setAppend(boolean on) {
        if (on) {
            requireWritable();
        }
        append = on;
    }

    @Override
    public FileStat stat() {
        long size = size();
        try {
            FileStat s = NioDirectory.statOf(path);
            return new FileStat(s.dev(), s.ino(), FileType.REGULAR_FILE, s.nlink(), size, s.atimeNanos(),
                    s.mtimeNanos(), s.ctimeNanos());
        } catch (FsException e) {
            // renamed or unlinked since it was opened: the open handle still has a size
            return new FileStat(0, 0, FileType.REGULAR_FILE, 0, size, 0, 0, 0);
        }
    }

    @Override
    public void setTimes(TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        NioDirectory.setTimesOf(path, access, modification);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing the guest could do about it
            }
            budget.release();
        }
    }
}
