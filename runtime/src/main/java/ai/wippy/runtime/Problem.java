package ai.wippy.runtime;

import java.util.Objects;

/**
 * One user-facing problem: where it is, which entry it concerns (may be null for file-level
 * problems), a message that says what is wrong and how serious it is. {@link #format()} gives the
 * SPEC §1 form {@code file:line:col: ns:name: message}. An {@link Severity#ERROR} fails the load;
 * a {@link Severity#WARNING} is reported (the goals log it at WARN level) and the load goes on.
 */
public record Problem(SourcePosition position, String entryId, String message, Severity severity) {

    /** How serious a problem is. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error, the usual kind of problem. */
    public Problem(SourcePosition position, String entryId, String message) {
        this(position, entryId, message, Severity.ERROR);
    }

    public static Problem warning(SourcePosition position, String entryId, String message) {
        return new Problem(position, entryId, message, Severity.WARNING);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        if (position != null) {
            sb.append(position).append(": ");
        }
        if (entryId != null && !entryId.isEmpty()) {
            sb.append(entryId).append(": ");
        }
        return sb.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
