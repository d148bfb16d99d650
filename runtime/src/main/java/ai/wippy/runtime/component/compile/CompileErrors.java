package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.binary.ComponentFormatException;

/** The errors the compiler raises: a rule broken (INVALID) or a feature this host lacks (UNSUPPORTED). */
final class CompileErrors {

    private CompileErrors() {
    }

    static ComponentFormatException invalid(int offset, String message) {
        return new ComponentFormatException(ComponentFormatException.Kind.INVALID, offset, message);
    }

    static ComponentFormatException unsupported(int offset, String message) {
        return new ComponentFormatException(ComponentFormatException.Kind.UNSUPPORTED, offset, message);
    }
}
