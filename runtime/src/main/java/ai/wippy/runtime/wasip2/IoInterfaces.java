package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** wasi:io: {@code error}, {@code poll} and {@code streams}. */
final class IoInterfaces {

    /** The most one read returns: a guest asking for 2^64 bytes gets what is there, in pieces. */
    static final int MAX_READ = 1 << 20;
    /** blocking-write-and-flush and blocking-write-zeroes-and-flush take at most this (streams.wit). */
    static final int MAX_BLOCKING_WRITE = 4096;

    private IoInterfaces() {
    }

    static HostCall error(String function, FuncType type, WasiContext cx) {
        if (function.equals("[method]error.to-debug-string")) {
            return args -> cx.resources.get(args.get(0), IoError.class).debug();
        }
        return null;
    }

    static HostCall poll(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[method]pollable.ready" -> args -> cx.resources.get(args.get(0), Pollable.class).ready();
            case "[method]pollable.block" -> args -> {
                cx.waker.block(cx.resources.get(args.get(0), Pollable.class));
                return null;
            };
            case "poll" -> args -> {
                List<?> handles = (List<?>) args.get(0);
                if (handles.isEmpty()) {
                    throw new WasiTrap("poll of an empty list of pollables");
                }
                List<Pollable> pollables = new ArrayList<>(handles.size());
                for (Object h : handles) {
                    pollables.add(cx.resources.get(h, Pollable.class));
                }
                int[] ready = cx.waker.poll(pollables);
                List<Object> out = new ArrayList<>(ready.length);
                for (int i : ready) {
                    out.add((long) i);
                }
                return out;
            };
            default -> null;
        };
    }

    static HostCall streams(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[method]input-stream.read" -> args -> streamResult(type, cx, () ->
                    in(cx, args).read(Values.length(args.get(1), MAX_READ)));
            case "[method]input-stream.blocking-read" -> args -> streamResult(type, cx, () ->
                    blockingRead(cx, in(cx, args), Values.length(args.get(1), MAX_READ)));
            case "[method]input-stream.skip" -> args -> streamResult(type, cx, () ->
                    (long) in(cx, args).read(Values.length(args.get(1), MAX_READ)).length);
            case "[method]input-stream.blocking-skip" -> args -> streamResult(type, cx, () ->
                    (long) blockingRead(cx, in(cx, args), Values.length(args.get(1), MAX_READ)).length);
            case "[method]input-stream.subscribe" -> args ->
                    cx.resources.own(Types.own(type.result()), in(cx, args).readable());
            case "[method]output-stream.check-write" -> args -> streamResult(type, cx, () -> out(cx, args).checkWrite());
            case "[method]output-stream.write" -> args -> streamResult(type, cx, () -> {
                byte[] bytes = Values.bytes(args.get(1));
                out(cx, args).write(bytes, 0, bytes.length);
                return null;
            });
            case "[method]output-stream.blocking-write-and-flush" -> args -> streamResult(type, cx, () -> {
                blockingWriteAndFlush(cx, out(cx, args), Values.bytes(args.get(1)));
                return null;
            });
            case "[method]output-stream.write-zeroes" -> args -> streamResult(type, cx, () -> {
                out(cx, args).writeZeroes(Values.u64(args.get(1)));
                return null;
            });
            case "[method]output-stream.blocking-write-zeroes-and-flush" -> args -> streamResult(type, cx, () -> {
                long n = Values.u64(args.get(1));
                if (n > MAX_BLOCKING_WRITE) {
                    throw new WasiTrap("blocking-write-zeroes-and-flush of " + Long.toUnsignedString(n)
                            + " bytes: at most " + MAX_BLOCKING_WRITE);
                }
                blockingWriteAndFlush(cx, out(cx, args), new byte[(int) n]);
                return null;
            });
            case "[method]output-stream.flush" -> args -> streamResult(type, cx, () -> {
                out(cx, args).flush();
                return null;
            });
            case "[method]output-stream.blocking-flush" -> args -> streamResult(type, cx, () -> {
                OutputStreamResource s = out(cx, args);
                s.flush();
                cx.waker.block(s.ready());
                return null;
            });
            case "[method]output-stream.subscribe" -> args ->
                    cx.resources.own(Types.own(type.result()), out(cx, args).ready());
            case "[method]output-stream.splice" -> args -> streamResult(type, cx, () ->
                    splice(cx, out(cx, args), cx.resources.get(args.get(1), InputStreamResource.class),
                            Values.length(args.get(2), MAX_READ), false));
            case "[method]output-stream.blocking-splice" -> args -> streamResult(type, cx, () ->
                    splice(cx, out(cx, args), cx.resources.get(args.get(1), InputStreamResource.class),
                            Values.length(args.get(2), MAX_READ), true));
            default -> null;
        };
    }

    private static InputStreamResource in(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), InputStreamResource.class);
    }

    private static OutputStreamResource out(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), OutputStreamResource.class);
    }

    private static byte[] blockingRead(WasiContext cx, InputStreamResource s, int max) {
        while (true) {
            byte[] got = s.read(max);
            if (got.length > 0 || max == 0) {
                return got;
            }
            cx.waker.block(s.readable());
        }
    }

    private static void blockingWriteAndFlush(WasiContext cx, OutputStreamResource s, byte[] bytes) {
        if (bytes.length > MAX_BLOCKING_WRITE) {
            throw new WasiTrap("blocking-write-and-flush of " + bytes.length + " bytes: at most "
                    + MAX_BLOCKING_WRITE);
        }
        int done = 0;
        while (done < bytes.length) {
            long permit = s.checkWrite();
            if (permit == 0) {
                cx.waker.block(s.ready());
                continue;
            }
            int n = (int) Math.min(permit, bytes.length - done);
            s.write(bytes, done, n);
            done += n;
        }
        s.flush();
        cx.waker.block(s.ready());
    }

    private static long splice(WasiContext cx, OutputStreamResource out, InputStreamResource in, int max,
            boolean blocking) {
        if (blocking) {
            cx.waker.block(out.ready());
        }
        long permit = out.checkWrite();
        int n = (int) Math.min(permit, max);
        byte[] bytes = blocking ? blockingRead(cx, in, n) : in.read(n);
        out.write(bytes, 0, bytes.length);
        return bytes.length;
    }

    /** Runs a stream operation whose WIT result is {@code result<T, stream-error>}. */
    static Object streamResult(FuncType type, WasiContext cx, Supplier<Object> body) {
        try {
            return Values.ok(body.get());
        } catch (StreamError e) {
            return Values.err(streamError(type, cx, e));
        }
    }

    static WitVariant streamError(FuncType type, WasiContext cx, StreamError e) {
        if (e.failure == null) {
            return new WitVariant("closed", null);
        }
        ResourceType error = Types.own(type.result(), "err", "last-operation-failed");
        return new WitVariant("last-operation-failed", cx.resources.own(error, new IoError(e.failure, e.filesystemCode, e.httpCode)));
    }
}
