package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Entry} as read from a manifest file. {@code fieldPositions} holds the position of each
 * field by dotted path relative to the entry ({@code "wasi.mounts.1.guest"}, {@code "meta.command"});
 * {@code file} is the manifest it came from. Meta and data are deep-copied into unmodifiable
 * collections.
 */
public record ManifestEntry(
        EntryId id,
        String kind,
        Map<String, Object> meta,
        Map<String, Object> data,
        SourcePosition position,
        Map<String, SourcePosition> fieldPositions,
        Path file) implements Entry {

    public ManifestEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
        meta = freezeMap(meta == null ? Map.of() : meta);
        data = freezeMap(data == null ? Map.of() : data);
        fieldPositions = Map.copyOf(fieldPositions == null ? Map.of() : fieldPositions);
    }

    /** The same entry with other data (after {@code file://} and placeholder resolution). */
    public ManifestEntry withData(Map<String, Object> newData) {
        return new ManifestEntry(id, kind, meta, newData, position, fieldPositions, file);
    }

    @Override
    public SourcePosition positionOf(String path) {
        String p = path == null ? "" : path;
        while (!p.isEmpty()) {
            SourcePosition found = fieldPositions.get(p);
            if (found != null) {
                return found;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return position;
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
