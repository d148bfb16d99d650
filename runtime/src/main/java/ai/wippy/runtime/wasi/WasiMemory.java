package ai.wippy.runtime.wasi;

import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;

/**
 * Guest memory as WASI calls use it: every pointer and length the guest passes is an unsigned
 * 32-bit value checked against the memory's current size before anything is read or written;
 * a bad one fails the call with {@code EFAULT}, never touches host memory, never throws into the JVM.
 */
final class WasiMemory {

    private final Memory memory;

    WasiMemory(Memory memory) {
        if (memory == null) {
            throw Errno.fail(Errno.FAULT);
        }
        this.memory = memory;
    }

    /** Fails with EFAULT unless {@code [ptr, ptr + len)} lies inside the memory. */
    void checkRange(int ptr, long len) {
        check(ptr, len);
    }

    private void check(int ptr, long len) {
        long start = Integer.toUnsignedLong(ptr);
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        if (len < 0 || start + len > size) {
            throw Errno.fail(Errno.FAULT);
        }
    }

    byte[] read(int ptr, int len) {
        check(ptr, Integer.toUnsignedLong(len));
        return memory.readBytes(ptr, len);
    }

    void write(int ptr, byte[] bytes) {
        write(ptr, bytes, 0, bytes.length);
    }

    void write(int ptr, byte[] bytes, int off, int len) {
        check(ptr, len);
        memory.write(ptr, bytes, off, len);
    }

    int readI32(int ptr) {
        check(ptr, 4);
        return memory.readInt(ptr);
    }

    long readI64(int ptr) {
        check(ptr, 8);
        return memory.readLong(ptr);
    }

    int readU8(int ptr) {
        check(ptr, 1);
        return memory.read(ptr) & 0xff;
    }

    int readU16(int ptr) {
        check(ptr, 2);
        return (int) memory.readU16(ptr);
    }

    void writeI32(int ptr, int value) {
        check(ptr, 4);
        memory.writeI32(ptr, value);
    }

    void writeI64(int ptr, long value) {
        check(ptr, 8);
        memory.writeLong(ptr, value);
    }

    void writeU8(int ptr, int value) {
        check(ptr, 1);
        memory.writeByte(ptr, (byte) value);
    }

    void writeU16(int ptr, int value) {
        check(ptr, 2);
        memory.writeShort(ptr, (short) value);
    }

    void zero(int ptr, int len) {
        check(ptr, len);
        memory.fill((byte) 0, ptr, ptr + len);
    }

    /** A guest string (ptr, len) as UTF-8; invalid UTF-8 is {@code EILSEQ}. */
    String readString(int ptr, int len) {
        byte[] bytes = read(ptr, len);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Errno.fail(Errno.ILSEQ);
        }
    }

    /** Total length of an iovec array, checking every entry. */
    long iovecTotal(int iovs, int count) {
        check(iovs, Integer.toUnsignedLong(count) * 8);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int buf = readI32(iovs + i * 8);
            int len = readI32(iovs + i * 8 + 4);
            check(buf, Integer.toUnsignedLong(len));
            total += Integer.toUnsignedLong(len);
        }
        return total;
    }

    /** Gathers the bytes of an iovec array (for writes). */
    byte[] gather(int iovs, int count) {
        long total = iovecTotal(iovs, count);
        if (total > Integer.MAX_VALUE - 8) {
            throw Errno.fail(Errno.INVAL);
        }
        byte[] out = new byte[(int) total];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            int buf = readI32(iovs + i * 8);
            int len = readI32(iovs + i * 8 + 4);
            byte[] part = memory.readBytes(buf, len);
            System.arraycopy(part, 0, out, pos, len);
            pos += len;
        }
        return out;
    }

    /** Scatters {@code data[0..n)} into an iovec array (for reads). */
    void scatter(int iovs, int count, byte[] data, int n) {
        int pos = 0;
        for (int i = 0; i < count && pos < n; i++) {
            int buf = readI32(iovs + i * 8);
            int len = readI32(iovs + i * 8 + 4);
            int chunk = Math.min(len, n - pos);
            write(buf, data, pos, chunk);
            pos += chunk;
        }
    }
}
