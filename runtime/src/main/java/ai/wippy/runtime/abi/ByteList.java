package ai.wippy.runtime.abi;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A lifted {@code list<u8>} or {@code list<s8>}: an unmodifiable List of Integers over the bytes
 * copied out of guest memory in one piece (the value model's List, without a boxed element per
 * byte). Lowering one back into a list of the same element type copies the bytes again.
 */
final class ByteList extends AbstractList<Integer> implements RandomAccess {

    private final byte[] bytes;
    private final boolean unsigned;

    ByteList(byte[] bytes, boolean unsigned) {
        this.bytes = bytes;
        this.unsigned = unsigned;
    }

    @Override
    public Integer get(int index) {
        byte b = bytes[index];
        return unsigned ? ScalarCodecs.boxU8(b & 0xff) : Integer.valueOf(b);
    }

    @Override
    public int size() {
        return bytes.length;
    }

    /** The bytes themselves (not a copy: callers only read them). */
    byte[] bytes() {
        return bytes;
    }

    boolean unsigned() {
        return unsigned;
    }
}
