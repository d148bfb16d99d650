package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitType;

/**
 * One lift or lower: the guest memory, its allocator (null when the guest has none) and the
 * string encoding. Every memory access goes through the checked accessors here, so a bad pointer
 * from the guest becomes a {@link CanonicalAbiException} and nothing outside the memory is read.
 * Pointers are unsigned 32-bit values held in a long.
 */
final class LegacyAbiContext {

    private final GuestMemory memory;
    private final GuestAllocator allocator;
    private final StringEncoding encoding;
    private final ResourceHandles handles;

    LegacyAbiContext(GuestMemory memory, GuestAllocator allocator, StringEncoding encoding) {
        this(memory, allocator, encoding, null);
    }

    LegacyAbiContext(GuestMemory memory, GuestAllocator allocator, StringEncoding encoding, ResourceHandles handles) {
        this.memory = memory;
        this.allocator = allocator;
        this.encoding = encoding == null ? StringEncoding.UTF8 : encoding;
        this.handles = handles;
    }

    Object liftHandle(WitType t, int index) {
        return handles == null ? index : handles.lift(t, index);
    }

    int lowerHandle(WitType t, Object value) {
        return handles == null ? LegacyValueModel.lowerHandle(t, value) : handles.lower(t, value);
    }

    StringEncoding encoding() {
        return encoding;
    }

    static long unsigned(long i32) {
        return i32 & 0xffffffffL;
    }

    void checkAligned(long ptr, int alignment, String what) {
        if (ptr % alignment != 0) {
            throw new CanonicalAbiException(String.format("misaligned pointer 0x%x for %s (alignment %d)", ptr, what, alignment));
        }
    }

    void checkInBounds(long ptr, long length, String what) {
        if (memory == null) {
            throw new CanonicalAbiException("cannot access " + what + ": no memory was given to this lift or lower");
        }
        long size = memory.size();
        if (ptr < 0 || length < 0 || ptr + length > size) {
            throw new CanonicalAbiException(String.format(
                    "%s at 0x%x (%d bytes) is out of bounds of memory (%d bytes)", what, ptr, length, size));
        }
    }

    /** A fresh guest allocation via {@code realloc(0, 0, align, size)}, alignment then bounds checked. */
    long allocate(int alignment, long byteLength, String what) {
        if (allocator == null) {
            throw new CanonicalAbiException("cannot pass " + what + " to the guest: it exports no allocator (cabi_realloc)");
        }
        if (byteLength > 0xffffffffL) {
            throw new CanonicalAbiException(what + " of " + byteLength + " bytes does not fit in a 32-bit memory");
        }
        long ptr = unsigned(allocator.realloc(0, 0, alignment, (int) byteLength));
        checkAligned(ptr, alignment, "memory returned by realloc for " + what);
        checkInBounds(ptr, byteLength, "memory returned by realloc for " + what);
        return ptr;
    }

    int readU8(long ptr) {
        checkInBounds(ptr, 1, "value");
        return memory.readU8((int) ptr);
    }

    int readU16(long ptr) {
        checkInBounds(ptr, 2, "value");
        return memory.readU16((int) ptr);
    }

    int readI32(long ptr) {
        checkInBounds(ptr, 4, "value");
        return memory.readI32((int) ptr);
    }

    long readI64(long ptr) {
        checkInBounds(ptr, 8, "value");
        return memory.readI64((int) ptr);
    }

    byte[] readBytes(long ptr, int length) {
        checkInBounds(ptr, length, "value");
        return length == 0 ? new byte[0] : memory.read((int) ptr, length);
    }

    void writeI8(long ptr, int value) {
        checkInBounds(ptr, 1, "value");
        memory.writeI8((int) ptr, value);
    }

    void writeI16(long ptr, int value) {
        checkInBounds(ptr, 2, "value");
        memory.writeI16((int) ptr, value);
    }

    void writeI32(long ptr, int value) {
        checkInBounds(ptr, 4, "value");
        memory.writeI32((int) ptr, value);
    }

    void writeI64(long ptr, long value) {
        checkInBounds(ptr, 8, "value");
        memory.writeI64((int) ptr, value);
    }

    void writeBytes(long ptr, byte[] bytes) {
        checkInBounds(ptr, bytes.length, "value");
        if (bytes.length > 0) {
            memory.write((int) ptr, bytes);
        }
    }
}
