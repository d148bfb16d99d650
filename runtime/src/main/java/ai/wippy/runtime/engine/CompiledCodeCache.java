package ai.wippy.runtime.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Compiled code on disk, across builds ({@link CompiledCode} in stored form), asked by module digest. Every
 * entry is self-verifying ({@link CacheEntry}) and checked before Chicory sees a byte of it; an
 * entry that fails (foreign, truncated, corrupted, another module's, not the user's) is evicted and
 * reported as a miss, so Chicory compiles again and the fresh result is stored in its place.
 *
 * <p>The directory itself must pass {@link CacheTrust} (owned by the user, writable by nobody
 * else); one that does not is never read or written: a warning (once per directory and JVM) says
 * why and how to fix it, and modules are compiled in memory. A directory the cache creates is
 * created {@code 0700}.
 *
 * <p>Concurrent builds may share the directory: an entry is written to a temporary file and moved
 * into place atomically, so a reader sees a whole entry or none; a reader that loses a race with an
 * eviction just compiles.
 */
final class CompiledCodeCache {

    /** Chicory's version plus our layout version: a change of either invalidates every entry. */
    static final String ENGINE_VERSION = "chicory-" + chicoryVersion() + "+wippy-3";

    /** Larger than the compiled code of any real module; a bigger file is not read into memory. */
    static final long MAX_ENTRY_BYTES = 1L << 30;

    private static final String TEMPORARY_PREFIX = "compiling-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final long ABANDONED_AFTER_MS = 24L * 60 * 60 * 1000;

    private static final FileAttribute<?> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Directories already warned about in this JVM: a build runs many goals, each with an engine. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Consumer<String> debug;
    private final Consumer<String> warn;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger stores = new AtomicInteger();
    private final AtomicInteger evictions = new AtomicInteger();
    private volatile Boolean usable;

    CompiledCodeCache(Path directory, Consumer<String> debug, Consumer<String> warn) {
        this.directory = directory.toAbsolutePath().normalize();
        this.debug = debug;
        this.warn = warn;
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

    int evictions() {
        return evictions.get();
    }

    Path fileFor(String key) {
        return directory.resolve(CacheEntry.sha256((key + "|" + ENGINE_VERSION).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + ".entry");
    }

    /**
     * Whether the directory may be used (created {@code 0700} if missing); decided once per cache.
     * When it may not, a warning says why, and callers compile in memory.
     */
    boolean usable() {
        Boolean u = usable;
        if (u == null) {
            synchronized (this) {
                if (usable == null) {
                    usable = check();
                }
                u = usable;
            }
        }
        return u;
    }

    private boolean check() {
        Optional<String> problem;
        try {
            createDirectories();
            problem = CacheTrust.directoryProblem(directory);
        } catch (IOException | RuntimeException e) {
            problem = Optional.of("it cannot be created or read: " + e);
        }
        if (problem.isPresent()) {
            if (WARNED.add(directory)) {
                warn.accept("compiled-code cache " + directory + " is not used (modules are compiled in memory): "
                        + problem.get());
            }
            return false;
        }
        removeAbandonedTemporaryFiles();
        return true;
    }

    /**
     * Deletes temporary files a killed build left behind. Only old ones: a concurrent build may be
     * writing a fresh one right now. They are never read, so this only saves disk space.
     */
    private void removeAbandonedTemporaryFiles() {
        long cutoff = System.currentTimeMillis() - ABANDONED_AFTER_MS;
        try (var files = Files.newDirectoryStream(directory, TEMPORARY_PREFIX + "*" + TEMPORARY_SUFFIX)) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                        debug.accept("compiled-code cache: removed abandoned " + f.getFileName());
                    }
                } catch (IOException e) {
                    // another build removed it, or it is not ours to remove: leave it
                }
            }
        } catch (IOException e) {
            debug.accept("compiled-code cache: cannot list " + directory + ": " + e);
        }
    }

    /** Creates the missing directories owner-only: compiled code is for this user alone. */
    private void createDirectories() throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = directory; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        boolean posix = CacheTrust.posix(directory.getFileSystem());
        for (Path p : missing) {
            try {
                if (posix) {
                    Files.createDirectory(p, OWNER_ONLY_DIRECTORY);
                    // the umask may take bits away from the mode given at creation, never add them;
                    // set it anyway so the result does not depend on the umask at all
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.createDirectory(p);
                }
                debug.accept("compiled-code cache: created " + p + (posix ? " (mode 0700)" : ""));
            } catch (FileAlreadyExistsException e) {
                // a concurrent build created it; CacheTrust checks whoever did
            }
        }
    }

    /** The verified content for {@code key}, or null (a miss) when there is none or it fails verification. */
    public byte[] get(String key) {
        if (!usable()) {
            return null;
        }
        Path file = fileFor(key);
        byte[] entry;
        try {
            Optional<PosixFileAttributes> attributes = CacheTrust.entryAttributes(file);
            if (attributes.isPresent()) {
                Optional<String> problem = CacheTrust.entryProblem(file, attributes.get());
                if (problem.isPresent()) {
                    return evicted(file, problem.get());
                }
            }
            entry = read(file);
        } catch (NoSuchFileException e) {
            debug.accept("compiled-code cache miss: " + key + " (" + file.getFileName() + ")");
            return null;
        } catch (IOException | RuntimeException e) {
            return evicted(file, "cannot be read: " + e);
        }
        if (entry == null) {
            return evicted(file, "larger than " + MAX_ENTRY_BYTES + " bytes");
        }
        try {
            byte[] content = CacheEntry.open(entry, key, ENGINE_VERSION);
            hits.incrementAndGet();
            debug.accept("compiled-code cache hit: " + key + " (" + file.getFileName() + ", " + content.length + " bytes)");
            return content;
        } catch (CacheEntry.Invalid e) {
            return evicted(file, e.getMessage());
        }
    }

    /** Reads an entry without following a symbolic link; null when it is larger than {@link #MAX_ENTRY_BYTES}. */
    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_ENTRY_BYTES + 1));
            return bytes.length > MAX_ENTRY_BYTES ? null : bytes;
        }
    }

    private byte[] evicted(Path file, String reason) {
        evict(file, reason);
        return null;
    }

    /**
     * Stores compiled code for {@code key}, replacing whatever is there: an entry written by a
     * concurrent build is equivalent, and any other file under this name must go. A failure to
     * store costs the next build a compilation, nothing more, so it is only logged.
     */
    public void putIfAbsent(String key, byte[] content) {
        if (!usable()) {
            return;
        }
        Path target = fileFor(key);
        Path tmp = null;
        try {
            // createTempFile makes the file 0600 on POSIX file systems
            tmp = Files.createTempFile(directory, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
            Files.write(tmp, CacheEntry.encode(key, ENGINE_VERSION, content));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a reader may then see a partial file; its content digest makes it a miss, not a failure
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            stores.incrementAndGet();
            debug.accept("compiled-code cache store: " + key + " (" + target.getFileName() + ", " + content.length + " bytes)");
        } catch (IOException | RuntimeException e) {
            debug.accept("compiled-code cache: could not store " + key + " in " + directory + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left behind: harmless, it is never read
                }
            }
        }
    }

    /** Drops the entry for {@code key}: Chicory could not load it although it verified. */
    void evict(String key, String reason) {
        evict(fileFor(key), reason);
    }

    private void evict(Path file, String reason) {
        evictions.incrementAndGet();
        try {
            Files.deleteIfExists(file);
            debug.accept("compiled-code cache eviction: " + file.getFileName() + ": " + reason);
        } catch (IOException e) {
            debug.accept("compiled-code cache eviction: " + file.getFileName() + ": " + reason
                    + "; deleting it failed: " + e);
        }
    }

    private static String chicoryVersion() {
        try (InputStream in = com.dylibso.chicory.compiler.internal.Compiler.class.getResourceAsStream(
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
