package ai.wippy.runtime.engine;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiled code on disk, across builds. Chicory asks by its module digest; the file name also
 * carries the engine version, so code compiled by another Chicory (or another cache layout) is
 * never loaded. Writes go to a temporary file moved into place atomically, so concurrent builds
 * and interrupted writes never leave a partial entry behind.
 */
final class CompiledCodeCache implements Cache {

    /** Chicory's version plus our layout version: a change of either invalidates every entry. */
    static final String ENGINE_VERSION = "chicory-" + chicoryVersion() + "+wippy-1";

    private final Path directory;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger stores = new AtomicInteger();

    CompiledCodeCache(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    int hits() {
        return hits.get();
    }

    int stores() {
        return stores.get();
    }

    Path fileFor(String key) {
        return directory.resolve(digest(key + "|" + ENGINE_VERSION) + ".jar");
    }

    @Override
    public byte[] get(String key) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(fileFor(key));
            hits.incrementAndGet();
            return bytes;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
        Path target = fileFor(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "compiling-", ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            stores.incrementAndGet();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Drops an entry that failed to load (corrupt or foreign), so the next run compiles again. */
    void evict(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
        } catch (IOException e) {
            // nothing more to do: a later load fails the same way and compiles in memory
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chicoryVersion() {
        try (InputStream in = Cache.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
