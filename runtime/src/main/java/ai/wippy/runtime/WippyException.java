package ai.wippy.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A failure the runtime reports to its caller. {@link Kind#USER} failures come from the user's
 * input (manifests, binaries, arguments, configuration) and carry messages that say what to
 * change; {@link Kind#INTERNAL} failures are I/O errors or bugs and carry the cause.
 */
public class WippyException extends RuntimeException {

    public enum Kind { USER, INTERNAL }

    private final Kind kind;
    private final List<Problem> problems;

    public WippyException(Kind kind, String message) {
        this(kind, message, null);
    }

    public WippyException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.problems = List.of();
    }

    /** A user failure listing several problems (e.g. all validation errors of all files). */
    public WippyException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        this.kind = Kind.USER;
        this.problems = List.copyOf(problems);
    }

    public static WippyException user(String message) {
        return new WippyException(Kind.USER, message);
    }

    public static WippyException internal(String message, Throwable cause) {
        return new WippyException(Kind.INTERNAL, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isUserError() {
        return kind == Kind.USER;
    }

    /** The individual problems when this failure gathers several; otherwise empty. */
    public List<Problem> problems() {
        return problems;
    }
}
