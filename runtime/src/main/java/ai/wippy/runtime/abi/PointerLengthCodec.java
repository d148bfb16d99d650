package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitType;
import java.util.List;

/**
 * A value whose contents live in guest memory and which is passed as {@code (ptr, length)}, two
 * i32s, and stored as such (alignment 4, size 8): strings and lists (maps too, lists of pairs). The
 * subclasses say how the contents are read and written; the two words are handled here once.
 */
abstract class PointerLengthCodec extends Codec {

    PointerLengthCodec(WitType type) {
        super(type, 4, 8, null);
    }

    /** The value whose contents are at {@code ptr}, {@code length} in the codec's units (unsigned). */
    abstract Object loadAt(AbiContext cx, long ptr, long length);

    /** Writes the value's contents into guest memory: their pointer in the low 32 bits, their length in the high. */
    abstract long storeContents(AbiContext cx, Object v);

    @Override
    final void flattenInto(List<CoreType> out) {
        out.add(CoreType.I32);
        out.add(CoreType.I32);
    }

    @Override
    final Object load(AbiContext cx, long ptr) {
        return loadAt(cx, AbiContext.unsigned(cx.i32(ptr)), AbiContext.unsigned(cx.i32(ptr + 4)));
    }

    @Override
    final void store(AbiContext cx, long ptr, Object v) {
        long stored = storeContents(cx, v);
        cx.put32(ptr, (int) stored);
        cx.put32(ptr + 4, (int) (stored >>> 32));
    }

    @Override
    final Object lift(AbiContext cx, long[] in, int at) {
        return loadAt(cx, AbiContext.unsigned(in[at]), AbiContext.unsigned(in[at + 1]));
    }

    @Override
    final void lower(AbiContext cx, Object v, long[] out, int at) {
        long stored = storeContents(cx, v);
        out[at] = (int) stored;
        out[at + 1] = (int) (stored >>> 32);
    }
}
