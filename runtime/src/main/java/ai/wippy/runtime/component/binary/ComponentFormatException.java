package ai.wippy.runtime.component.binary;

/**
 * A component binary that cannot be used: malformed (it breaks the binary format), invalid (it
 * decodes but breaks a validation rule) or using a feature this host does not implement (WASI 0.3
 * async, values, …). The message names the byte offset and what is wrong.
 */
public final class ComponentFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind { MALFORMED, INVALID, UNSUPPORTED }

    private final Kind kind;
    private final long offset;

    public ComponentFormatException(Kind kind, long offset, String message) {
        super(describe(kind, offset, message), null, false, false);
        this.kind = kind;
        this.offset = offset;
    }

    private static String describe(Kind kind, long offset, String message) {
        String what = switch (kind) {
            case MALFORMED -> "malformed component";
            case INVALID -> "invalid component";
            case UNSUPPORTED -> "unsupported component feature";
        };
        return offset < 0 ? what + ": " + message : what + " at offset 0x" + Long.toHexString(offset) + ": " + message;
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset in the binary, or -1 when the problem has no single place. */
    public long offset() {
        return offset;
    }

    static ComponentFormatException malformed(long offset, String message) {
        return new ComponentFormatException(Kind.MALFORMED, offset, message);
    }

    static ComponentFormatException unsupported(long offset, String message) {
        return new ComponentFormatException(Kind.UNSUPPORTED, offset, message);
    }
}
