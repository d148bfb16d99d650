package ai.wippy.runtime.wasi;

import com.dylibso.chicory.runtime.Memory;

/**
 * The guest's linear memory as seen by the WASI host: every access is bounds-checked against the
 * current memory size with unsigned, overflow-free arithmetic, and a bad pointer becomes EFAULT
 * instead of a read or write anywhere else.
 */
final class GuestMemory {

    private final Memory memory;

    GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** Checks that [ptr, ptr+len) lies inside memory; {@code ptr} and {@code len} are unsigned u32. */
    int check(int ptr, long len) {
        if (memory == null) {
            throw new WasiError(Errno.FAULT);
        }
        long start = Integer.toUnsignedLong(ptr);
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        if (len < 0 || start > size || len > size - start) {
            throw new WasiError(Errno.FAULT);
        }
        return ptr;
    }

    byte[] read(int ptr, int len) {
        long n = Integer.toUnsignedLong(len);
        check(ptr, n);
        if (n > Integer.MAX_VALUE - 16) {
            throw new WasiError(Errno.FAULT);
        }
        return memory.readBytes(ptr, (int) n);
    }

    void write(int ptr, byte[] data) {
        write(ptr, data, 0, data.length);
    }

    void write(int ptr, byte[] data, int offset, int len) {
        check(ptr, len);
        memory.write(ptr, data, offset, len);
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
        return memory.read(ptr) & 0xFF;
    }

    int readU16(int ptr) {
        check(ptr, 2);
        return memory.readShort(ptr) & 0xFFFF;
    }

    void writeU8(int ptr, int value) {
        check(ptr, 1);
        memory.writeByte(ptr, (byte) value);
    }

    void writeU16(int ptr, int value) {
        check(ptr, 2);
        memory.writeShort(ptr, (short) value);
    }

    void writeI32(int ptr, int value) {
        check(ptr, 4);
        memory.writeI32(ptr, value);
    }

    void writeI64(int ptr, long value) {
        check(ptr, 8);
        memory.writeLong(ptr, value);
    }

    /** Pointer arithmetic inside guest structures, refusing to wrap around the 32-bit space. */
    static int offset(int ptr, long delta) {
        long p = Integer.toUnsignedLong(ptr) + delta;
        if (p > 0xFFFF_FFFFL) {
            throw new WasiError(Errno.FAULT);
        }
        return (int) p;
    }
}
