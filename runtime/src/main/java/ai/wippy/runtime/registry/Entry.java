package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.util.Map;

/**
 * One manifest entry as loaded: ID, kind, merged meta, data fields (placeholders and
 * {@code file://} text already resolved), and where it was declared. Values in {@code meta} and
 * {@code data} are plain Java values: String, Boolean, Integer/Long/BigInteger, Double, List, Map
 * (insertion-ordered).
 */
public interface Entry {

    EntryId id();

    String kind();

    Map<String, Object> meta();

    Map<String, Object> data();

    /** Position of the entry itself (its {@code name:} key, or the file for single-entry files). */
    SourcePosition position();

    /**
     * Position of a field inside the entry, by dotted path relative to the entry
     * ({@code "wasi.cwd"}, {@code "wasi.mounts.1.guest"}, {@code "meta.command.name"}); falls back
     * to the nearest enclosing node that has one, and finally to {@link #position()}.
     */
    SourcePosition positionOf(String path);
}
