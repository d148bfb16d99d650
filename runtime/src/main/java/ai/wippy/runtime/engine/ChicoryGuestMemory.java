package ai.wippy.runtime.engine;

import ai.wippy.runtime.abi.GuestMemory;
import com.dylibso.chicory.runtime.Memory;

/** A Chicory linear memory as the canonical ABI's {@link GuestMemory}. */
final class ChicoryGuestMemory implements GuestMemory {

    private final Memory memory;

    ChicoryGuestMemory(Memory memory) {
        this.memory = memory;
    }

    @Override
    public byte[] read(int address, int length) {
        return memory.readBytes(address, length);
    }

    @Override
    public void write(int address, byte[] bytes) {
        memory.write(address, bytes);
    }

    @Override
    public void write(int address, byte[] bytes, int offset, int length) {
        memory.write(address, bytes, offset, length);
    }

    @Override
    public long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    @Override
    public int readU8(int address) {
        return memory.read(address) & 0xff;
    }

    @Override
    public int readU16(int address) {
        return (int) memory.readU16(address);
    }

    @Override
    public int readI32(int address) {
        return memory.readInt(address);
    }

    @Override
    public long readI64(int address) {
        return memory.readLong(address);
    }

    @Override
    public void writeI8(int address, int value) {
        memory.writeByte(address, (byte) value);
    }

    @Override
    public void writeI16(int address, int value) {
        memory.writeShort(address, (short) value);
    }

    @Override
    public void writeI32(int address, int value) {
        memory.writeI32(address, value);
    }

    @Override
    public void writeI64(int address, long value) {
        memory.writeLong(address, value);
    }
}
