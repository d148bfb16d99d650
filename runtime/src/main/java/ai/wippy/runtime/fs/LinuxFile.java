package ai.wippy.runtime.fs;

import com.sun.jna.LastErrorException;
import java.util.concurrent.atomic.AtomicInteger;

/** A regular file held by a host descriptor: reads and writes go to the object, not to a name. */
final class LinuxFile implements ConfinedFile {

    private final AtomicInteger fd;
    private final boolean readOnly;
    private final DescriptorBudget budget;
    private volatile boolean append;

    LinuxFile(int fd, boolean readOnly, boolean append, DescriptorBudget budget) {
        this.fd = new AtomicInteger(fd);
        this.readOnly = readOnly;
        this.append = append;
        this.budget = budget;
    }

    private int fd() {
        int f = fd.get();
        if (f < 0) {
            throw new FsException(FsError.BADF);
        }
        return f;
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
        return transfer(buffer, offset, length, -1, false);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long position) {
        return transfer(buffer, offset, length, position, false);
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        requireWritable();
        return transfer(buffer, offset, length, -1, true);
    }

    @Override
    public int write(byte[] buffer, int offset, int length, long position) {
        requireWritable();
        return transfer(buffer, offset, length, position, true);
    }

    /** One read(2)/write(2) (or the p- variant at {@code position} ≥ 0) of at most MAX_TRANSFER bytes. */
    private int transfer(byte[] buffer, int offset, int length, long position, boolean write) {
        int n = Math.min(length, MAX_TRANSFER);
        if (n <= 0) {
            return 0;
        }
        // JNA passes a whole array; a slice needs its own array.
        byte[] io = offset == 0 && n == buffer.length ? buffer : new byte[n];
        if (write && io != buffer) {
            System.arraycopy(buffer, offset, io, 0, n);
        }
        long done;
        try {
            if (write) {
                done = position < 0 ? LinuxLibc.write(fd(), io, n) : LinuxLibc.pwrite64(fd(), io, n, position);
            } else {
                done = position < 0 ? LinuxLibc.read(fd(), io, n) : LinuxLibc.pread64(fd(), io, n, position);
            }
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
        if (!write && io != buffer && done > 0) {
            System.arraycopy(io, 0, buffer, offset, (int) done);
        }
        return (int) done;
    }

    @Override
    public long seek(long offset, Whence whence) {
        int w = switch (whence) {
            case SET -> LinuxLibc.SEEK_SET;
            case CURRENT -> LinuxLibc.SEEK_CUR;
            case END -> LinuxLibc.SEEK_END;
        };
        try {
            return LinuxLibc.lseek64(fd(), offset, w);
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
    }

    @Override
    public long position() {
        return seek(0, Whence.CURRENT);
    }

    @Override
    public long size() {
        return stat().size();
    }

    @Override
    public void setSize(long size) {
        requireWritable();
        try {
            LinuxLibc.ftruncate64(fd(), size);
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
    }

    @Override
    public void allocate(long offset, long length) {
        requireWritable();
        int err = LinuxLibc.posix_fallocate(fd(), offset, length);
        if (err != 0) {
            throw new FsException(FsError.ofLinuxErrno(err));
        }
    }

    @Override
    public void advise(long offset, long length, Advice advice) {
        int a = switch (advice) {
            case NORMAL -> 0;
            case RANDOM -> 1;
            case SEQUENTIAL -> 2;
            case WILL_NEED -> 3;
            case DONT_NEED -> 4;
            case NO_REUSE -> 5;
        };
        int err = LinuxLibc.posix_fadvise(fd(), offset, length, a);
        if (err != 0) {
            throw new FsException(FsError.ofLinuxErrno(err));
        }
    }

    @Override
    public void sync(boolean metadata) {
        try {
            if (metadata) {
                LinuxLibc.fsync(fd());
            } else {
                LinuxLibc.fdatasync(fd());
            }
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
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
        try {
            int flags = LinuxLibc.fcntl(fd(), LinuxLibc.F_GETFL, 0);
            flags = on ? flags | LinuxLibc.O_APPEND : flags & ~LinuxLibc.O_APPEND;
            LinuxLibc.fcntl(fd(), LinuxLibc.F_SETFL, flags);
            append = on;
        } catch (LastErrorException e) {
            throw LinuxDirectory.error(e);
        }
    }

    @Override
    public FileStat stat() {
        return LinuxStat.of(fd());
    }

    @Override
    public void setTimes(TimeUpdate access, TimeUpdate modification) {
        requireWritable();
        LinuxDirectory.setTimesOfDescriptor(fd(), access, modification);
    }

    @Override
    public void close() {
        int f = fd.getAndSet(-1);
        if (f >= 0) {
            LinuxDirectory.closeQuietly(f);
            budget.release();
        }
    }
}
