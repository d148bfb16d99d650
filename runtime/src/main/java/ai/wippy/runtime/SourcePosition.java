package ai.wippy.runtime;

import java.util.Objects;

/**
 * A place in a manifest file. {@code file} is the path as it should be shown to the user (relative
 * to the project directory when the file is under it); line and column are 1-based, 0 when unknown.
 */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    public static SourcePosition ofFile(String file) {
        return new SourcePosition(file, 0, 0);
    }

    /** {@code file:line:column}, or just {@code file} when the line is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + Math.max(column, 1);
    }
}
