package ai.wippy.runtime.process;

import ai.wippy.runtime.WippyException;

/** A spawn that was refused (host full, shut down, or Init failed). Nothing was started. */
public final class SpawnException extends WippyException {

    public SpawnException(String message) {
        super(Kind.USER, message);
    }

    public SpawnException(String message, Throwable cause) {
        super(Kind.USER, message, cause);
    }
}
