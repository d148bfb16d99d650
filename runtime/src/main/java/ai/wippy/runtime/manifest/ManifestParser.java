package ai.wippy.runtime.manifest;

import ai.wippy.runtime.SourcePosition;
import ai.wippy.runtime.registry.EntryId;
import ai.wippy.runtime.registry.ManifestEntry;
import ai.wippy.runtime.registry.ProblemCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed file into entries (SPEC §1): the {@code entries:} list form or the single-entry
 * form, file {@code meta} shallow-merged under each entry's meta, data from {@code data:} or from
 * the remaining keys, and each field's position relative to its entry.
 */
final class ManifestParser {

    /** {@code manifest} is false for files without a namespace, which are skipped silently. */
    record ParsedFile(boolean manifest, List<ManifestEntry> entries) {
        static final ParsedFile NOT_A_MANIFEST = new ParsedFile(false, List.of());
    }

    private static final Set<String> SINGLE_FORM_RESERVED =
            Set.of("namespace", "name", "kind", "meta", "version", "requirements", "entries");
    private static final Set<String> ENTRY_RESERVED = Set.of("name", "kind", "meta", "data");

    private final ProblemCollector problems;

    ManifestParser(ProblemCollector problems) {
        this.problems = problems;
    }

    ParsedFile parse(YamlDocument document, Path file) {
        if (!(document.root() instanceof Map<?, ?> rawRoot)
                || !(rawRoot.get("namespace") instanceof String namespace) || namespace.isBlank()) {
            return ParsedFile.NOT_A_MANIFEST;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) rawRoot;
        Map<String, SourcePosition> positions = document.positions();
        Map<String, Object> fileMeta = metaMap(root.get("meta"), positions, "meta", null);
        Map<String, SourcePosition> fileMetaPositions = withPrefix(positions, "meta", "meta");

        Object entries = root.get("entries");
        List<ManifestEntry> result = new ArrayList<>();
        if (entries instanceof List<?> list) {
            Map<Integer, Map<String, SourcePosition>> byIndex = positionsByEntry(positions);
            for (int i = 0; i < list.size(); i++) {
                Map<String, SourcePosition> relative = byIndex.getOrDefault(i, Map.of());
                SourcePosition itemPosition = positions.get("entries." + i);
                if (!(list.get(i) instanceof Map<?, ?> item)) {
                    problems.add(itemPosition, null, "entry[" + i + "]: entry must be a map with name and kind");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) item;
                ManifestEntry parsed = entry(namespace.trim(), i, entry, relative, itemPosition,
                        fileMeta, fileMetaPositions, file);
                if (parsed != null) {
                    result.add(parsed);
                }
            }
        } else if (entries != null) {
            problems.add(positions.get("entries"), null, "entries must be a list of entries");
        } else if (root.get("name") != null && root.get("kind") != null) {
            Map<String, Object> single = new LinkedHashMap<>();
            root.forEach((key, value) -> {
                if (!SINGLE_FORM_RESERVED.contains(key) || key.equals("name") || key.equals("kind")) {
                    single.put(key, value);
                }
            });
            Map<String, SourcePosition> relative = new HashMap<>(positions);
            relative.keySet().removeIf(k -> k.equals("meta") || k.startsWith("meta."));
            ManifestEntry parsed = entry(namespace.trim(), 0, single, relative, positions.get(""),
                    fileMeta, fileMetaPositions, file);
            if (parsed != null) {
                result.add(parsed);
            }
        } else {
            problems.add(positions.get(""), null,
                    "entries: either entries array or single entry (name/kind) must be provided");
        }
        return new ParsedFile(true, List.copyOf(result));
    }

    private ManifestEntry entry(String namespace, int index, Map<String, Object> entry,
            Map<String, SourcePosition> relative, SourcePosition itemPosition,
            Map<String, Object> fileMeta, Map<String, SourcePosition> fileMetaPositions, Path file) {
        String name = requiredText(entry, "name", index, relative, itemPosition);
        String kind = requiredText(entry, "kind", index, relative, itemPosition);
        if (name == null || kind == null) {
            return null;
        }
        String id = namespace + ":" + name.trim();
        Map<String, Object> meta = new LinkedHashMap<>(fileMeta);
        Map<String, SourcePosition> fieldPositions = new HashMap<>(fileMetaPositions);
        Map<String, Object> entryMeta = metaMap(entry.get("meta"), relative, "meta", id);
        meta.putAll(entryMeta);

        Map<String, Object> data;
        boolean dataBlock = entry.get("data") instanceof Map<?, ?>;
        if (dataBlock) {
            @SuppressWarnings("unchecked")
            Map<String, Object> block = (Map<String, Object>) entry.get("data");
            data = block;
        } else {
            if (entry.get("data") != null) {
                problems.add(relative.getOrDefault("data", itemPosition), id, "data must be a map");
            }
            data = new LinkedHashMap<>();
            for (Map.Entry<String, Object> field : entry.entrySet()) {
                if (!ENTRY_RESERVED.contains(field.getKey())) {
                    data.put(field.getKey(), field.getValue());
                }
            }
        }
        relative.forEach((path, position) -> {
            if (dataBlock && path.startsWith("data.")) {
                fieldPositions.put(path.substring("data.".length()), position);
            } else {
                fieldPositions.put(path, position);
            }
        });
        SourcePosition position = relative.getOrDefault("name", itemPosition);
        return new ManifestEntry(EntryId.parse(id), kind.trim(), meta, data, position, fieldPositions, file);
    }

    private String requiredText(Map<String, Object> entry, String key, int index,
            Map<String, SourcePosition> relative, SourcePosition itemPosition) {
        if (entry.get(key) instanceof String text && !text.isBlank()) {
            return text;
        }
        problems.add(relative.getOrDefault(key, itemPosition), null, "entry[" + index + "]." + key + ": "
                + key + " is required and must be a non-empty string");
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> metaMap(Object meta, Map<String, SourcePosition> positions, String path, String entryId) {
        if (meta == null) {
            return Map.of();
        }
        if (meta instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add(positions.get(path), entryId, "meta must be a map");
        return Map.of();
    }

    /** Positions under {@code entries.<i>.}, grouped by entry index, relative to the entry. */
    private static Map<Integer, Map<String, SourcePosition>> positionsByEntry(Map<String, SourcePosition> positions) {
        Map<Integer, Map<String, SourcePosition>> byIndex = new HashMap<>();
        String prefix = "entries.";
        for (Map.Entry<String, SourcePosition> p : positions.entrySet()) {
            String path = p.getKey();
            if (!path.startsWith(prefix)) {
                continue;
            }
            int dot = path.indexOf('.', prefix.length());
            if (dot < 0) {
                continue;
            }
            try {
                int index = Integer.parseInt(path.substring(prefix.length(), dot));
                byIndex.computeIfAbsent(index, i -> new HashMap<>()).put(path.substring(dot + 1), p.getValue());
            } catch (NumberFormatException e) {
                // "entries" was a map, not a list; reported elsewhere.
            }
        }
        return byIndex;
    }

    private static Map<String, SourcePosition> withPrefix(Map<String, SourcePosition> positions, String from, String to) {
        Map<String, SourcePosition> result = new HashMap<>();
        positions.forEach((path, position) -> {
            if (path.equals(from) || path.startsWith(from + ".")) {
                result.put(to + path.substring(from.length()), position);
            }
        });
        return result;
    }
}
