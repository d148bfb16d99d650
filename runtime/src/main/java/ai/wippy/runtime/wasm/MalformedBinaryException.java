package ai.wippy.runtime.wasm;

/**
 * A binary that cannot be decoded: what is wrong and at which byte offset of the file. It carries no
 * stack trace: it is a verdict about user input, thrown often while decoding hostile files.
 */
public final class MalformedBinaryException extends RuntimeException {

    private final long offset;

    public MalformedBinaryException(long offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** The byte offset in the file, or -1 when the problem has no single place. */
    public long offset() {
        return offset;
    }
}
