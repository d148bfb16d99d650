package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where to find manifests and the limits and environment to load them with. Immutable. */
public final class ManifestOptions {

    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_ALIASES = 50;

    private final Path projectDir;
    private final List<Path> sourceDirectories;
    private final Map<String, String> environment;
    private final long maxFileBytes;
    private final int maxAliases;
    private final List<Problem> configurationProblems;
    private final boolean hashFormatChecked;

    private ManifestOptions(Builder builder, List<Path> sourceDirectories, List<Problem> configurationProblems) {
        this.projectDir = builder.projectDir;
        this.sourceDirectories = sourceDirectories;
        this.environment = builder.environment;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxAliases = builder.maxAliases;
        this.hashFormatChecked = builder.hashFormatChecked;
        this.configurationProblems = configurationProblems;
    }

    public static Builder builder(Path projectDir) {
        return new Builder(projectDir);
    }

    /** The project base directory (absolute): base of relative paths and of shown file names. */
    public Path projectDir() {
        return projectDir;
    }

    public List<Path> sourceDirectories() {
        return sourceDirectories;
    }

    /** The OS environment seen by {@code env.storage.os} and {@code ${env:…}} placeholders. */
    public Map<String, String> environment() {
        return environment;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public int maxAliases() {
        return maxAliases;
    }

    /** Problems found while working out the defaults (a broken {@code wippy.lock}). */
    List<Problem> configurationProblems() {
        return configurationProblems;
    }

    /**
     * Whether a {@code hash:} value that is not {@code sha256:<hex>} is a validation error (default
     * true, SPEC §3's {@code invalid hash format} and {@code unsupported hash algorithm}). The
     * {@code hash} goal turns it off: its job is to replace such a value ({@code hash: TODO}) with
     * the real one.
     */
    public boolean hashFormatChecked() {
        return hashFormatChecked;
    }

    public static final class Builder {
        private final Path projectDir;
        private List<Path> sourceDirectories;
        private Map<String, String> environment = System.getenv();
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private int maxAliases = DEFAULT_MAX_ALIASES;
        private boolean hashFormatChecked = true;

        private Builder(Path projectDir) {
            this.projectDir = Objects.requireNonNull(projectDir, "projectDir").toAbsolutePath().normalize();
        }

        /** Directories to scan, relative ones against the project directory. */
        public Builder sourceDirectories(List<Path> directories) {
            this.sourceDirectories = directories.stream()
                    .map(d -> projectDir.resolve(d).normalize())
                    .toList();
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public Builder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        public Builder maxAliases(int maxAliases) {
            if (maxAliases < 0) {
                throw new IllegalArgumentException("maxAliases cannot be negative: " + maxAliases);
            }
            this.maxAliases = maxAliases;
            return this;
        }

        /** See {@link ManifestOptions#hashFormatChecked()}. */
        public Builder hashFormatChecked(boolean checked) {
            this.hashFormatChecked = checked;
            return this;
        }

        public ManifestOptions build() {
            if (sourceDirectories != null) {
                return new ManifestOptions(this, sourceDirectories, List.of());
            }
            SourceDirectories.Resolved defaults = SourceDirectories.defaults(projectDir, maxFileBytes, maxAliases);
            return new ManifestOptions(this, defaults.directories(), defaults.problems());
        }
    }
}
