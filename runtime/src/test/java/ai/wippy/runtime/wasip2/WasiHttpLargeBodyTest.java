package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream through bounded memory: a guest uploads and then downloads 160 MiB in a JVM whose
 * heap is 64 MiB ({@link HttpLargeBodyProbe} in a child JVM, against this JVM's loopback server), and
 * both arrive whole (the server's SHA-256 of the upload, the guest's word sum of the download). The
 * figures go to the test's output ({@code -Dwippy.http.large.mib} changes the size).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WasiHttpLargeBodyTest {

    static final long MIB = Long.getLong("wippy.http.large.mib", 160);

    @TempDir
    Path dir;

    @Test
    void a160MibBodyStreamsBothWaysThroughA64MibHeap() throws Exception {
        long bytes = MIB << 20;
        try (HttpTestServer server = new HttpTestServer()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path wasm = Fixtures.dir().getParent().resolve("components/wasm/http.wasm");
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    HttpLargeBodyProbe.class.getName(), wasm.toString(), server.authority(), String.valueOf(bytes),
                    "INTERPRETER")).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(9, TimeUnit.MINUTES)).as("the child JVM ends").isTrue();
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("child: %s%s", stdout, Files.readString(err, StandardCharsets.UTF_8)).isZero();
            Map<String, String> lines = new HashMap<>();
            for (String line : stdout.split("\n")) {
                int sp = line.indexOf(' ');
                lines.put(line.substring(0, sp), line.substring(sp + 1));
            }
            assertThat(lines.get("upload")).isEqualTo("200 " + bytes + " " + HttpTestServer.uploadSha(bytes));
            assertThat(lines.get("download")).isEqualTo("200 " + bytes + " " + Long.toUnsignedString(HttpTestServer.patternSum(bytes)));
            long upMs = Long.parseLong(lines.get("upload-ms"));
            long downMs = Long.parseLong(lines.get("download-ms"));
            System.out.printf("wasi:http %d MiB: upload %d ms (%.1f MiB/s), download %d ms (%.1f MiB/s), heap peak %.1f MiB of %.1f%n",
                    MIB, upMs, MIB * 1000.0 / Math.max(1, upMs), downMs, MIB * 1000.0 / Math.max(1, downMs),
                    Long.parseLong(lines.get("heap-peak")) / 1048576.0, Long.parseLong(lines.get("heap-max")) / 1048576.0);
        }
    }
}
