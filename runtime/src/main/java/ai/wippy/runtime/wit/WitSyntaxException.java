package ai.wippy.runtime.wit;

import ai.wippy.runtime.WippyException;

/**
 * A {@code wit:} signature text that cannot be parsed. The message starts with
 * {@code line L, column C:} (1-based) when the problem has a place.
 */
public final class WitSyntaxException extends WippyException {

    private final int line;
    private final int column;

    public WitSyntaxException(int line, int column, String problem) {
        super(Kind.USER, "line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** A problem of the text as a whole (no place). */
    public WitSyntaxException(String problem) {
        super(Kind.USER, problem);
        this.line = 0;
        this.column = 0;
    }

    /** 1-based line, 0 when the problem concerns the whole text. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when the problem concerns the whole text. */
    public int column() {
        return column;
    }
}
