package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link WasiHttpLargeBodyTest}: runs http.wasm's upload and download of
 * {@code bytes} against the parent's server and prints, one per line, {@code upload <status> <body>},
 * {@code download <status> <count> <sum>}, each {@code <kind>-ms <n>}, and {@code heap-peak <bytes>}
 * (the most the heap's pools held). Arguments: the fixture's path, the server's authority, bytes, the
 * engine mode.
 */
public final class HttpLargeBodyProbe {

    private HttpLargeBodyProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path wasm = Path.of(args[0]);
        String authority = args[1];
        long bytes = Long.parseLong(args[2]);
        EngineMode mode = EngineMode.valueOf(args[3]);
        Program program = WasmEngine.create(EngineOptions.builder().mode(mode).build())
                .load("http.wasm", Files.readAllBytes(wasm));
        WasiOptions wasi = WasiOptions.builder().stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream())
                .stdin(InputStream.nullInputStream()).build();
        try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, WasiHttpTest.GRANTS))) {
            long t0 = System.nanoTime();
            WitResult up = (WitResult) e.invoke(program.signature("upload", null), List.of(authority, "/upload", bytes));
            long t1 = System.nanoTime();
            if (!up.isOk()) {
                System.out.println("upload failed " + WasiHttpTest.describe(up.value()));
            } else {
                List<?> v = (List<?>) up.value();
                System.out.println("upload " + v.get(0) + " " + new String(Values.bytes(v.get(1)), StandardCharsets.UTF_8));
            }
            System.out.println("upload-ms " + (t1 - t0) / 1_000_000);
            WitResult down = (WitResult) e.invoke(program.signature("download", null),
                    List.of(authority, "/download?n=" + bytes));
            long t2 = System.nanoTime();
            if (!down.isOk()) {
                System.out.println("download failed " + WasiHttpTest.describe(down.value()));
            } else {
                List<?> v = (List<?>) down.value();
                System.out.println("download " + v.get(0) + " " + v.get(1) + " " + v.get(2));
            }
            System.out.println("download-ms " + (t2 - t1) / 1_000_000);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("heap-peak " + peak);
        System.out.println("heap-max " + Runtime.getRuntime().maxMemory());
    }
}
