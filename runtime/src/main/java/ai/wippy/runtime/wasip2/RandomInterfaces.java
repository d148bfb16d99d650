package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.wasi.GuestInterruptedException;
import java.util.List;
import java.util.Random;

/** wasi:random: {@code random}, {@code insecure} and {@code insecure-seed}, all from the configured source. */
final class RandomInterfaces {

    /**
     * The most bytes one call returns. The WIT promises exactly {@code len} bytes, and they are made
     * in the JVM's heap before they are copied to the guest: a guest asking for 4 GiB traps instead.
     */
    static final int MAX_BYTES = 16 << 20;

    private RandomInterfaces() {
    }

    static HostCall random(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "get-random-bytes", "get-insecure-random-bytes" -> args -> bytes(cx.options.random(),
                    Values.u64(args.get(0)), function);
            case "get-random-u64", "get-insecure-random-u64" -> args -> Values.u64Result(cx.options.random().nextLong());
            case "insecure-seed" -> args -> List.of(Values.u64Result(cx.options.random().nextLong()),
                    Values.u64Result(cx.options.random().nextLong()));
            default -> null;
        };
    }

    private static byte[] bytes(Random random, long len, String function) {
        if (len < 0 || len > MAX_BYTES) {
            throw new WasiTrap(function + " of " + Long.toUnsignedString(len) + " bytes: at most " + MAX_BYTES
                    + " per call");
        }
        byte[] out = new byte[(int) len];
        byte[] piece = new byte[Math.min(out.length, 64 * 1024)];
        for (int done = 0; done < out.length; done += piece.length) {
            if (Thread.currentThread().isInterrupted()) {
                throw new GuestInterruptedException();
            }
            random.nextBytes(piece);
            System.arraycopy(piece, 0, out, done, Math.min(piece.length, out.length - done));
        }
        return out;
    }
}
