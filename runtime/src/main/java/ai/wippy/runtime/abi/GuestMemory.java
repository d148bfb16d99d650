package ai.wippy.runtime.abi;

/**
 * The linear memory of a guest, as the canonical ABI sees it. Addresses are unsigned 32-bit
 * offsets carried in an {@code int}; multi-byte values are little-endian. The canonical ABI checks
 * every range against {@link #size()} before it reads or writes, so implementations may assume
 * the ranges they are given are in bounds. The typed accessors have byte-array defaults; an
 * implementation over a real memory should override them for speed.
 */
public interface GuestMemory {

    byte[] read(int address, int length);

    void write(int address, byte[] bytes);

    /** Writes {@code bytes[offset, offset + length)} at {@code address} (bulk stores of lists). */
    default void write(int address, byte[] bytes, int offset, int length) {
        write(address, java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Current size in bytes. */
    long size();

    default int readU8(int address) {
        return read(address, 1)[0] & 0xff;
    }

    default int readU16(int address) {
        byte[] b = read(address, 2);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    default int readI32(int address) {
        byte[] b = read(address, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    default long readI64(int address) {
        return (readI32(address) & 0xffffffffL) | ((long) readI32(address + 4)) << 32;
    }

    default void writeI8(int address, int value) {
        write(address, new byte[] {(byte) value});
    }

    default void writeI16(int address, int value) {
        write(address, new byte[] {(byte) value, (byte) (value >>> 8)});
    }

    default void writeI32(int address, int value) {
        write(address, new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }

    default void writeI64(int address, long value) {
        writeI32(address, (int) value);
        writeI32(address + 4, (int) (value >>> 32));
    }
}
