package ai.wippy.runtime.registry;

import ai.wippy.runtime.SourcePosition;
import java.nio.file.Path;

/**
 * An {@code fs.directory} entry. {@code directory} is absolute: relative paths were resolved
 * against the project base directory.
 */
public record FsDirectory(EntryId id, Path directory, String mode, boolean autoInit, String base,
        SourcePosition position) {
}
