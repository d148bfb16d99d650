package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.WitResult;
import java.math.BigInteger;
import java.util.List;

/** Conversions between the engine's typed WIT values (see {@code WitType}) and what host code uses. */
final class Values {

    private Values() {
    }

    /** A u64 or u32 argument; a u64 beyond Long.MAX_VALUE (a BigInteger) is Long.MAX_VALUE. */
    static long u64(Object o) {
        if (o instanceof BigInteger b) {
            return b.bitLength() >= 64 ? Long.MAX_VALUE : b.longValue();
        }
        return ((Number) o).longValue();
    }

    /** A length argument, at most {@code cap}. */
    static int length(Object o, int cap) {
        long n = u64(o);
        return n < 0 || n > cap ? cap : (int) n;
    }

    /** A u64 result from a Java long read as unsigned. */
    static Object u64Result(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    /** The bytes of a {@code list<u8>} argument. */
    static byte[] bytes(Object list) {
        if (list instanceof byte[] b) {
            return b;
        }
        List<?> l = (List<?>) list;
        byte[] out = new byte[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).byteValue();
        }
        return out;
    }

    static WitResult ok(Object v) {
        return new WitResult(true, v);
    }

    static WitResult err(Object e) {
        return new WitResult(false, e);
    }
}
