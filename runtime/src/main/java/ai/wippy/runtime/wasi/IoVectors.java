package ai.wippy.runtime.wasi;

import java.util.ArrayList;
import java.util.List;

/** A guest {@code iovec}/{@code ciovec} array, every buffer bounds-checked up front. */
record IoVectors(List<Buffer> buffers, long totalLength) {

    /**
     * Bytes moved between guest memory and the host at a time: a host call never copies more than
     * this at once, and checks between pieces whether its process was stopped.
     */
    static final int CHUNK = 64 * 1024;

    record Buffer(int ptr, int length) {
    }

    /** Receives guest bytes piece by piece; the array is reused, valid only during the call. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(byte[] bytes, int length);
    }

    /**
     * Buffers one call reads of an iovec array, as Linux's {@code IOV_MAX}: the rest of a longer
     * array is not served (a short read or write), so a guest cannot make one call walk, and the
     * host hold, millions of entries.
     */
    static final int MAX_BUFFERS = 1024;

    static IoVectors read(GuestMemory mem, int iovs, int count) {
        long n = Integer.toUnsignedLong(count);
        mem.check(iovs, n * 8);
        List<Buffer> buffers = new ArrayList<>();
        long total = 0;
        for (long i = 0; i < Math.min(n, MAX_BUFFERS); i++) {
            int at = GuestMemory.offset(iovs, i * 8);
            int ptr = mem.readI32(at);
            int len = mem.readI32(at + 4);
            mem.check(ptr, Integer.toUnsignedLong(len));
            total += Integer.toUnsignedLong(len);
            if (total > Integer.MAX_VALUE) {
                throw new WasiError(Errno.INVAL);
            }
            if (len != 0) {
                buffers.add(new Buffer(ptr, len));
            }
        }
        return new IoVectors(List.copyOf(buffers), total);
    }

    /**
     * The first {@code max} bytes of these buffers: what one call serves when the guest asks for
     * more. A short read or write is legal in WASI as in POSIX, and every libc loops on it.
     */
    IoVectors limit(long max) {
        if (totalLength <= max) {
            return this;
        }
        List<Buffer> kept = new ArrayList<>();
        long left = max;
        for (Buffer b : buffers) {
            if (left == 0) {
                break;
            }
            int len = (int) Math.min(b.length(), left);
            kept.add(new Buffer(b.ptr(), len));
            left -= len;
        }
        return new IoVectors(List.copyOf(kept), max);
    }

    /**
     * Hands the bytes of all buffers, in order, to {@code sink} in pieces of at most {@link #CHUNK}
     * read straight from guest memory, so no call holds a copy of a large guest buffer. Between
     * pieces a stopped process (deadline, terminate) ends the call with
     * {@link GuestInterruptedException}.
     */
    void forEachChunk(GuestMemory mem, ChunkSink sink) {
        for (Buffer b : buffers) {
            for (long done = 0; done < Integer.toUnsignedLong(b.length()); ) {
                GuestInterruptedException.throwIfInterrupted();
                int part = (int) Math.min(CHUNK, Integer.toUnsignedLong(b.length()) - done);
                byte[] piece = mem.read(GuestMemory.offset(b.ptr(), done), part);
                sink.accept(piece, part);
                done += part;
            }
        }
    }
}
