package ai.wippy.bench;

import ai.wippy.runtime.hash.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Hashing throughput of {@link Sha256} against {@code sha256sum}, alternated in the same run on the
 * same 512 MiB file (page cache warm for both). Prints MB/s of each run, the medians and their
 * ratio (ours / sha256sum; 1.0 = as fast).
 */
public final class HashBench {

    public static void main(String[] args) throws Exception {
        int mib = Integer.getInteger("mib", 512);
        int runs = Integer.getInteger("runs", 5);
        Path file = Files.createTempFile("wippy-hash-bench", ".bin");
        try {
            write(file, mib);
            String expected = Sha256.hex(file); // warm-up (JIT and page cache)
            sha256sum(file);
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                String a = Sha256.hex(file);
                long t1 = System.nanoTime();
                String b = sha256sum(file);
                long t2 = System.nanoTime();
                if (!a.equals(expected) || !b.equals(expected)) {
                    throw new IllegalStateException("digests differ: " + a + " / " + b);
                }
                ours.add(mib * 1.048576 / ((t1 - t0) / 1e9));
                theirs.add(mib * 1.048576 / ((t2 - t1) / 1e9));
                System.out.printf(Locale.ROOT, "run %d: wippy %.0f MB/s, sha256sum %.0f MB/s%n", i + 1, ours.get(i), theirs.get(i));
            }
            double o = median(ours);
            double s = median(theirs);
            System.out.printf(Locale.ROOT, "median: wippy %.0f MB/s, sha256sum %.0f MB/s, ratio %.2fx (JDK %s)%n",
                    o, s, o / s, Runtime.version());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, int mib) throws IOException {
        Random random = new Random(7);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sha256sum failed: " + out);
        }
        return out.substring(0, 64);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
