package ai.wippy.runtime.abi;

import java.util.Arrays;

/** An in-memory guest memory for tests; reads outside the array fail loudly (the ABI must never try). */
final class ByteArrayMemory implements GuestMemory {

    final byte[] bytes;

    ByteArrayMemory(int size) {
        this.bytes = new byte[size];
    }

    @Override
    public byte[] read(int address, int length) {
        if (address < 0 || address + length > bytes.length) {
            throw new AssertionError("read outside memory: " + address + "+" + length);
        }
        return Arrays.copyOfRange(bytes, address, address + length);
    }

    @Override
    public void write(int address, byte[] data) {
        if (address < 0 || address + data.length > bytes.length) {
            throw new AssertionError("write outside memory: " + address + "+" + data.length);
        }
        System.arraycopy(data, 0, bytes, address, data.length);
    }

    @Override
    public long size() {
        return bytes.length;
    }

    void put(int address, int... values) {
        for (int i = 0; i < values.length; i++) {
            bytes[address + i] = (byte) values[i];
        }
    }
}
