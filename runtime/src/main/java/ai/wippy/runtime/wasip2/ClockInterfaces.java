package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.host.HostImports.HostCall;
import java.util.LinkedHashMap;
import java.util.Map;

/** wasi:clocks: {@code monotonic-clock} and {@code wall-clock} (timezone is unstable: not provided). */
final class ClockInterfaces {

    private ClockInterfaces() {
    }

    static HostCall monotonic(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "now" -> args -> Values.u64Result(cx.options.clock().monotonicNanos());
            case "resolution" -> args -> 1L;
            case "subscribe-instant" -> args -> {
                long when = Values.u64(args.get(0));
                long wait = when - cx.options.clock().monotonicNanos();
                return cx.resources.own(Types.own(type.result()), Timer.after(Math.max(0, wait)));
            };
            case "subscribe-duration" -> args -> cx.resources.own(Types.own(type.result()),
                    Timer.after(Values.u64(args.get(0))));
            default -> null;
        };
    }

    static HostCall wall(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "now" -> args -> datetime(cx.options.clock().realtimeNanos());
            case "resolution" -> args -> datetime(1_000);
            default -> null;
        };
    }

    /** wall-clock's {@code datetime}: seconds and nanoseconds since the epoch (a clock before 1970 reads 0). */
    private static Map<String, Object> datetime(long nanos) {
        long n = Math.max(0, nanos);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seconds", n / 1_000_000_000L);
        d.put("nanoseconds", n % 1_000_000_000L);
        return d;
    }
}
