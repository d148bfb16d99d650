package ai.wippy.runtime.hash;

import ai.wippy.runtime.WippyException;

/** A {@code hash:} value that is not {@code sha256:<hex>}. */
public final class HashFormatException extends WippyException {

    public HashFormatException(String message) {
        super(Kind.USER, message);
    }
}
