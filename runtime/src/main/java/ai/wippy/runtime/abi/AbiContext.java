package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;

/**
 * One lift or lower: the guest memory, its allocator (null when the guest has none) and how
 * handles cross. A bad pointer from the guest becomes a {@link CanonicalAbiException} before
 * anything is read: every range is checked once, where it enters (a string, a list, the tuple of
 * spilled values, a pointer returned by realloc), and the unchecked accessors below then read and
 * write inside it (memories only grow, so a checked range stays valid). Pointers are unsigned
 * 32-bit values held in a long.
 */
final class AbiContext {

    private final GuestMemory memory;
    private final GuestAllocator allocator;
    private final ResourceHandles handles;

    AbiContext(GuestMemory memory, GuestAllocator allocator, ResourceHandles handles) {
        this.memory = memory;
        this.allocator = allocator;
        this.handles = handles;
    }

    Object liftHandle(WitType t, int index) {
        return handles == null ? index : handles.lift(t, index);
    }

    int lowerHandle(WitType t, Object value) {
        return handles == null ? ValueModel.lowerHandle(t, value) : handles.lower(t, value);
    }

    static long unsigned(long i32) {
        return i32 & 0xffffffffL;
    }

    void checkAligned(long ptr, int alignment, String what) {
        if (ptr % alignment != 0) {
            throw new CanonicalAbiException(String.format("misaligned pointer 0x%x for %s (alignment %d)", ptr, what, alignment));
        }
    }

    /** Whether {@link #checkInBounds} passes. */
    boolean inBounds(long ptr, long length) {
        return memory != null && ptr >= 0 && length >= 0 && ptr + length <= memory.size();
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

    // ---- inside a checked range -----------------------------------------------------------

    int u8(long ptr) {
        return memory.readU8((int) ptr);
    }

    int u16(long ptr) {
        return memory.readU16((int) ptr);
    }

    int i32(long ptr) {
        return memory.readI32((int) ptr);
    }

    long i64(long ptr) {
        return memory.readI64((int) ptr);
    }

    byte[] bytes(long ptr, int length) {
        return length == 0 ? new byte[0] : memory.read((int) ptr, length);
    }

    void put8(long ptr, int value) {
        memory.writeI8((int) ptr, value);
    }

    void put16(long ptr, int value) {
        memory.writeI16((int) ptr, value);
    }

    void put32(long ptr, int value) {
        memory.writeI32((int) ptr, value);
    }

    void put64(long ptr, long value) {
        memory.writeI64((int) ptr, value);
    }

    /** Writes {@code bytes[0, length)} at {@code ptr}. */
    void putBytes(long ptr, byte[] bytes, int length) {
        if (length == bytes.length) {
            if (length > 0) {
                memory.write((int) ptr, bytes);
            }
        } else if (length > 0) {
            memory.write((int) ptr, bytes, 0, length);
        }
    }
}
