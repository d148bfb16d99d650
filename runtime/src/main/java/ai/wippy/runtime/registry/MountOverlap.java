package ai.wippy.runtime.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Warns when a read-only mount of an entry does not protect its data: its host directory is also
 * reachable through a writable mount of the same entry (the same directory, or one that contains
 * it). Host directories are compared after resolving symbolic links, so two {@code fs.directory}
 * entries naming one directory through different paths are caught too. It is a warning, not an
 * error: the configuration runs, but {@code read_only: true} there promises what it cannot keep.
 */
final class MountOverlap {

    /** One valid mount as read from {@code wasi.mounts}, with the path of its list item. */
    record Item(String path, WasiConfig.Mount mount) {
    }

    private final Function<String, Optional<Path>> hostDirectory;

    /** @param hostDirectory the directory of an {@code fs.directory} entry by ID, if it is valid */
    MountOverlap(Function<String, Optional<Path>> hostDirectory) {
        this.hostDirectory = hostDirectory;
    }

    void check(Fields fields, List<Item> items) {
        List<Path> hosts = new ArrayList<>();
        for (Item item : items) {
            hosts.add(hostDirectory.apply(item.mount().fs()).map(MountOverlap::real).orElse(null));
        }
        for (int r = 0; r < items.size(); r++) {
            WasiConfig.Mount readOnly = items.get(r).mount();
            if (!readOnly.readOnly() || hosts.get(r) == null) {
                continue;
            }
            for (int w = 0; w < items.size(); w++) {
                WasiConfig.Mount writable = items.get(w).mount();
                if (writable.readOnly() || hosts.get(w) == null || !hosts.get(r).startsWith(hosts.get(w))) {
                    continue;
                }
                fields.warning(items.get(r).path() + ".read_only", message(readOnly, hosts.get(r), writable, hosts.get(w)));
                break;
            }
        }
    }

    private static String message(WasiConfig.Mount readOnly, Path roHost, WasiConfig.Mount writable, Path rwHost) {
        String risk = ": the guest can write it through " + writable.guest() + ", so read_only: true does not protect it; ";
        if (roHost.equals(rwHost)) {
            return "read-only mount " + readOnly.guest() + " and writable mount " + writable.guest()
                    + " are the same host directory (" + roHost + ")" + risk
                    + "mount it once, or make both mounts read-only";
        }
        return "read-only mount " + readOnly.guest() + " (" + roHost + ") is inside writable mount "
                + writable.guest() + " (" + rwHost + ")" + risk
                + "mount directories that do not overlap, or make " + writable.guest() + " read-only";
    }

    /**
     * The directory with every symbolic link resolved. A directory that does not exist yet
     * ({@code auto_init}) is resolved through its nearest existing ancestor.
     */
    static Path real(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
