package ai.wippy.runtime;

import java.util.Objects;

/**
 * One user-facing problem: where it is, which entry it concerns (may be null for file-level
 * problems) and a message that says what is wrong. {@link #format()} gives the SPEC §1 form
 * {@code file:line:col: ns:name: message}.
 */
public record Problem(SourcePosition position, String entryId, String message) {

    public Problem {
        Objects.requireNonNull(message, "message");
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
