package ai.wippy.runtime.process;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's wall-clock budget and the name of the setting it comes from, so that a timeout
 * names the limit that fired: {@code execution timed out after 500 ms (timeout_ms of test
 * app.t:slow)}, not a setting the user never wrote.
 *
 * @param millis the budget; 0 = none
 * @param name   the setting, as the message shows it ({@code limits.max_execution_ms}, {@code wippy.timeout}, …)
 */
public record TimeLimit(long millis, String name) {

    /** The name of an entry's own limit. */
    public static final String ENTRY_LIMIT = "limits.max_execution_ms";

    /** No budget. */
    public static final TimeLimit NONE = new TimeLimit(0, "none");

    /** At most 12 digits: even in hours, the milliseconds fit a long. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|min|h)?");

    public TimeLimit {
        Objects.requireNonNull(name, "name");
        if (millis < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative");
        }
    }

    /** An entry's {@code max_execution_ms}. */
    public static TimeLimit ofEntry(long millis) {
        return millis == 0 ? NONE : new TimeLimit(millis, ENTRY_LIMIT);
    }

    public boolean isNone() {
        return millis == 0;
    }

    /**
     * The tighter of two budgets (an entry's own limit and one its caller sets); a budget of 0 does
     * not count. On a tie the entry's own (this) is named.
     */
    public TimeLimit tightest(TimeLimit other) {
        if (other.isNone()) {
            return this;
        }
        if (isNone() || other.millis < millis) {
            return other;
        }
        return this;
    }

    /** The message of a process this budget stopped. */
    public String timeoutMessage() {
        return "execution timed out after " + millis + " ms (" + name + ")";
    }

    /**
     * Parses a duration the way a user types it on the command line: a number of milliseconds
     * ({@code 30000}, like the manifests' {@code _ms} fields) or a number with a unit {@code ms},
     * {@code s}, {@code m} (or {@code min}), {@code h} ({@code 90s}, {@code 10m}, {@code 1h}); {@code 0} is no limit.
     *
     * @return the milliseconds
     * @throws IllegalArgumentException with a message naming {@code property}, for anything else
     */
    public static long parseMillis(String text, String property) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(property + " must be a duration such as 30000 (milliseconds), 90s, 10m or 1h"
                    + " (0 for no limit), got: " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long factor = switch (unit) {
            case "s" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 1L;
        };
        return n * factor;
    }
}
