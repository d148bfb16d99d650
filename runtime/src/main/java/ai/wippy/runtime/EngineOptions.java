package ai.wippy.runtime;

import com.dylibso.chicory.runtime.Memory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Engine settings. {@code cacheDirectory} holds compiled code across builds (absent: memory only);
 * {@code defaultMemoryBytes} caps a guest's linear memory when its entry sets no
 * {@code memory_bytes}; {@code syncCompileMaxBytes} is the largest module that {@link EngineMode#AUTO}
 * compiles before running (bigger ones run interpreted while they compile in the background).
 */
public final class EngineOptions {

    public static final long DEFAULT_MEMORY_BYTES = 256L * 1024 * 1024;

    /**
     * The most linear memory the engine can give one guest memory: Chicory 1.7.5 caps every memory
     * at {@code Memory.RUNTIME_MAX_PAGES} = 32767 pages (its addresses are Java ints), i.e.
     * 2 GiB - 64 KiB = 2147418112 bytes, although WebAssembly allows 65536 pages (4 GiB).
     */
    public static final long MAX_MEMORY_BYTES = (long) Memory.RUNTIME_MAX_PAGES * Memory.PAGE_SIZE;

    private final EngineMode mode;
    private final Path cacheDirectory;
    private final long defaultMemoryBytes;
    private final long syncCompileMaxBytes;
    private final boolean interpreterInterruptChecks;

    private EngineOptions(Builder b) {
        this.interpreterInterruptChecks = b.interpreterInterruptChecks;
        this.mode = b.mode;
        this.cacheDirectory = b.cacheDirectory;
        this.defaultMemoryBytes = b.defaultMemoryBytes;
        this.syncCompileMaxBytes = b.syncCompileMaxBytes;
    }

    /**
     * Where compiled code is kept when nothing says otherwise: {@code ~/.m2/wippy/compiled} beside
     * the default local repository, and inside the local repository ({@code <repository>/.wippy/compiled})
     * when the build uses another one ({@code -Dmaven.repo.local}, {@code <localRepository>} in
     * {@code settings.xml}): CI set-ups that point the repository elsewhere usually cache only that
     * directory, and the compiled code should survive with it.
     *
     * @param localRepository the build's local repository, or null when unknown
     */
    public static Path defaultCacheDirectory(Path userHome, Path localRepository) {
        Path m2 = userHome.toAbsolutePath().normalize().resolve(".m2");
        if (localRepository == null) {
            return m2.resolve("wippy").resolve("compiled");
        }
        Path repo = localRepository.toAbsolutePath().normalize();
        return repo.equals(m2.resolve("repository")) ? m2.resolve("wippy").resolve("compiled")
                : repo.resolve(".wippy").resolve("compiled");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EngineOptions defaults() {
        return builder().build();
    }

    public EngineMode mode() {
        return mode;
    }

    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    public long defaultMemoryBytes() {
        return defaultMemoryBytes;
    }

    public long syncCompileMaxBytes() {
        return syncCompileMaxBytes;
    }

    /**
     * Whether interpreted code checks for interruption before every instruction (default true),
     * including the functions of compiled modules that run in the compiler's interpreter fallback.
     * Only benchmarks turn it off, to measure its cost: without it a {@code br_if} loop in
     * interpreted code ignores timeouts and termination.
     */
    public boolean interpreterInterruptChecks() {
        return interpreterInterruptChecks;
    }

    public Builder toBuilder() {
        return new Builder().mode(mode).cacheDirectory(cacheDirectory).defaultMemoryBytes(defaultMemoryBytes)
                .syncCompileMaxBytes(syncCompileMaxBytes).interpreterInterruptChecks(interpreterInterruptChecks);
    }

    public static final class Builder {
        private EngineMode mode = EngineMode.AUTO;
        private Path cacheDirectory;
        private long defaultMemoryBytes = DEFAULT_MEMORY_BYTES;
        private long syncCompileMaxBytes = 2L * 1024 * 1024;
        private boolean interpreterInterruptChecks = true;

        public Builder interpreterInterruptChecks(boolean check) {
            this.interpreterInterruptChecks = check;
            return this;
        }

        public Builder mode(EngineMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        public Builder defaultMemoryBytes(long bytes) {
            if (bytes <= 0 || bytes % 65536 != 0 || bytes > MAX_MEMORY_BYTES) {
                throw new IllegalArgumentException("memory bytes must be a positive multiple of 64KiB of at most "
                        + MAX_MEMORY_BYTES + " (the most the engine can give a guest), got " + bytes);
            }
            this.defaultMemoryBytes = bytes;
            return this;
        }

        public Builder syncCompileMaxBytes(long bytes) {
            this.syncCompileMaxBytes = bytes;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(this);
        }
    }
}
