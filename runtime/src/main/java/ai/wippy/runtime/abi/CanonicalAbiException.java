package ai.wippy.runtime.abi;

import ai.wippy.runtime.WippyException;

/**
 * A canonical ABI trap: the guest handed over a value that breaks the rules (invalid UTF-8, an
 * out-of-bounds or misaligned pointer, a bad discriminant or char, ...), or the host value does
 * not fit its WIT type. It is a user failure: the binary or the arguments are at fault.
 */
public final class CanonicalAbiException extends WippyException {

    public CanonicalAbiException(String message) {
        super(Kind.USER, message);
    }
}
