package ai.wippy.runtime.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Host import profiles an entry may declare in {@code imports} (SPEC §4). A raw import is
 * normalised (lower case, trimmed, everything from {@code @} dropped) and then selects a profile by
 * its canonical name, an alias, or an interface of its package ({@code wasi:cli/stdout} selects
 * {@code wasi:cli}; {@code wasi:io/poll} selects {@code wasi:poll}).
 */
public enum ImportProfile {
    WASI1("wasi1", false),
    WASI_IO("wasi:io", true),
    WASI_POLL("wasi:poll", true),
    WASI_CLOCKS("wasi:clocks", true),
    WASI_CLI("wasi:cli", true),
    WASI_FILESYSTEM("wasi:filesystem", true),
    WASI_RANDOM("wasi:random", true),
    WASI_SOCKETS("wasi:sockets", true),
    WASI_HTTP("wasi:http", true);

    private final String canonicalName;
    private final boolean componentOnly;

    ImportProfile(String canonicalName, boolean componentOnly) {
        this.canonicalName = canonicalName;
        this.componentOnly = componentOnly;
    }

    public String canonicalName() {
        return canonicalName;
    }

    /** True when the profile only exists for components (WASI preview 2). */
    public boolean componentOnly() {
        return componentOnly;
    }

    /** Lower case, trimmed, without any {@code @version} suffix. */
    public static String normalize(String raw) {
        String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        int at = s.indexOf('@');
        return (at >= 0 ? s.substring(0, at) : s).trim();
    }

    public static Optional<ImportProfile> resolve(String rawImport) {
        String name = normalize(rawImport);
        switch (name) {
            case "wasi1":
            case "preview1":
            case "wasi-preview1":
            case "wasi_snapshot_preview1":
                return Optional.of(WASI1);
            case "wasi:io/poll":
                return Optional.of(WASI_POLL);
            default:
                break;
        }
        int slash = name.indexOf('/');
        String pkg = slash >= 0 ? name.substring(0, slash) : name;
        for (ImportProfile profile : values()) {
            if (profile != WASI1 && profile.canonicalName.equals(pkg)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
