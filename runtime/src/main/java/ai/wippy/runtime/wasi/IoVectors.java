package ai.wippy.runtime.wasi;

import java.util.ArrayList;
import java.util.List;

/** A guest {@code iovec}/{@code ciovec} array, every buffer bounds-checked up front. */
record IoVectors(List<Buffer> buffers, long totalLength) {

    record Buffer(int ptr, int length) {
    }

    static IoVectors read(GuestMemory mem, int iovs, int count) {
        long n = Integer.toUnsignedLong(count);
        mem.check(iovs, n * 8);
        List<Buffer> buffers = new ArrayList<>();
        long total = 0;
        for (long i = 0; i < n; i++) {
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

    /** The bytes of all buffers, concatenated (for writes). */
    byte[] gather(GuestMemory mem) {
        byte[] out = new byte[(int) totalLength];
        int at = 0;
        for (Buffer b : buffers) {
            byte[] part = mem.read(b.ptr(), b.length());
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Copies {@code data[0, len)} into the buffers in order. */
    void scatter(GuestMemory mem, byte[] data, int len) {
        int at = 0;
        for (Buffer b : buffers) {
            if (at >= len) {
                return;
            }
            int n = Math.min(b.length(), len - at);
            mem.write(b.ptr(), data, at, n);
            at += n;
        }
    }
}
