package ai.wippy.runtime.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes in a byte array: the bulk paths decode and encode whole ranges of guest memory. */
final class LittleEndian {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return (short) I16.get(b, at) & 0xffff;
    }

    static int i32(byte[] b, int at) {
        return (int) I32.get(b, at);
    }

    static long i64(byte[] b, int at) {
        return (long) I64.get(b, at);
    }

    static void put8(byte[] b, int at, int v) {
        b[at] = (byte) v;
    }

    static void put16(byte[] b, int at, int v) {
        I16.set(b, at, (short) v);
    }

    static void put32(byte[] b, int at, int v) {
        I32.set(b, at, v);
    }

    static void put64(byte[] b, int at, long v) {
        I64.set(b, at, v);
    }

    /** Whether every byte of {@code b[from, to)} is ASCII (below 0x80), eight at a time. */
    static boolean ascii(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (((long) I64.get(b, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
