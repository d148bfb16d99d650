package ai.wippy.runtime.manifest;

import ai.wippy.runtime.SourcePosition;
import java.util.Map;

/**
 * A parsed manifest file: its root as plain Java values and the source position of every node by
 * dotted path from the root ({@code "entries.0.wasi.cwd"}). Map entries are positioned at their
 * key, list items at the item.
 */
record YamlDocument(Object root, Map<String, SourcePosition> positions) {
}
