package ai.wippy.runtime.registry;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads and validates the {@code wasi} block of a WASM entry (SPEC §2). Unlike Wippy, mount
 * filesystems and env variable IDs are resolved here, so a typo fails the build, not the run; and
 * a read-only mount whose host directory is writable through another mount gets a warning.
 */
final class WasiBlockReader {

    private final Predicate<String> filesystemExists;
    private final Predicate<String> envVariableExists;
    private final MountOverlap overlap;

    /**
     * @param hostDirectory the directory of a valid {@code fs.directory} entry by ID (for the
     *                      read-only/writable overlap warning)
     */
    WasiBlockReader(Predicate<String> filesystemExists, Predicate<String> envVariableExists,
            Function<String, Optional<Path>> hostDirectory) {
        this.filesystemExists = filesystemExists;
        this.envVariableExists = envVariableExists;
        this.overlap = new MountOverlap(hostDirectory);
    }

    WasiConfig read(Fields fields) {
        if (fields.map("wasi") == null) {
            return WasiConfig.EMPTY;
        }
        String cwd = fields.string("wasi.cwd").filter(s -> !s.isEmpty()).orElse("/");
        if (!cwd.startsWith("/")) {
            fields.problem("wasi.cwd", "wasi.cwd must be absolute");
        }
        return new WasiConfig(args(fields), cwd, env(fields), mounts(fields));
    }

    private static List<String> args(Fields fields) {
        List<Object> raw = fields.list("wasi.args");
        List<String> args = new ArrayList<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            fields.string("wasi.args." + i).ifPresent(args::add);
        }
        return List.copyOf(args);
    }

    private List<WasiConfig.Env> env(Fields fields) {
        List<Object> raw = fields.list("wasi.env");
        List<WasiConfig.Env> env = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            String item = "wasi.env." + i;
            if (fields.map(item) == null) {
                if (raw.get(i) == null) {
                    fields.wrongType(item, "a map {id, name, required}", null);
                }
                continue;
            }
            String id = fields.requiredString(item + ".id", "wasi.env[].id is required");
            String name = fields.requiredString(item + ".name", "wasi.env[].name is required");
            boolean required = fields.bool(item + ".required").orElse(false);
            if (name != null && !names.add(name.trim())) {
                fields.problem(item + ".name", "wasi.env[].name must be unique");
            }
            if (id != null && !envVariableExists.test(id)) {
                fields.problem(item + ".id", "wasi env variable not found: " + id);
            }
            if (id != null && name != null) {
                env.add(new WasiConfig.Env(id, name.trim(), required));
            }
        }
        return List.copyOf(env);
    }

    private List<WasiConfig.Mount> mounts(Fields fields) {
        List<Object> raw = fields.list("wasi.mounts");
        List<WasiConfig.Mount> mounts = new ArrayList<>();
        List<MountOverlap.Item> items = new ArrayList<>();
        Set<String> guests = new HashSet<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            String item = "wasi.mounts." + i;
            if (fields.map(item) == null) {
                if (raw.get(i) == null) {
                    fields.wrongType(item, "a map {fs, guest, read_only}", null);
                }
                continue;
            }
            String fs = fields.requiredString(item + ".fs", "wasi.mounts[].fs is required");
            String guest = fields.requiredString(item + ".guest", "wasi.mounts[].guest is required");
            boolean readOnly = fields.bool(item + ".read_only").orElse(false);
            if (fs != null && !filesystemExists.test(fs)) {
                fields.problem(item + ".fs", "wasi mount filesystem not found: " + fs);
            }
            if (guest == null) {
                continue;
            }
            guest = guest.trim();
            if (!guest.startsWith("/")) {
                fields.problem(item + ".guest", "wasi.mounts[].guest must be absolute");
                continue;
            }
            String cleaned = cleanAbsolutePath(guest);
            if (!guests.add(cleaned)) {
                fields.problem(item + ".guest", "wasi.mounts[].guest must be unique");
            }
            if (fs != null) {
                WasiConfig.Mount mount = new WasiConfig.Mount(fs, cleaned, readOnly);
                mounts.add(mount);
                items.add(new MountOverlap.Item(item, mount));
            }
        }
        overlap.check(fields, items);
        return List.copyOf(mounts);
    }

    /** Go's {@code path.Clean} for an absolute path: no {@code .}, {@code ..} or doubled slashes. */
    static String cleanAbsolutePath(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(segment);
            }
        }
        return "/" + String.join("/", parts);
    }
}
