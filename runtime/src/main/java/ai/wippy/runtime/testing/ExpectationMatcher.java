package ai.wippy.runtime.testing;

import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.process.CapturedText;
import ai.wippy.runtime.process.ProcessResult;
import ai.wippy.runtime.registry.Expectation;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a process's end against a test's {@code expect} (SPEC §9): values equal with numbers
 * compared by value, maps and records field by field, lists in order; {@code error} a substring
 * of the error; {@code exit_code} the WASI or terminal exit code; exact or partial output. No
 * expectation at all: the process must end without an error.
 */
public final class ExpectationMatcher {

    /** Characters of each end of a text shown in a failure message. */
    static final int EXCERPT = 1000;

    private ExpectationMatcher() {
    }

    /** Empty when the result meets the expectation; else what differs. */
    public static Optional<String> mismatch(Expectation expect, ProcessResult result, boolean selfTest) {
        if (selfTest) {
            int code = TerminalOutcome.of(result).exitCode();
            if (code != 0) {
                return Optional.of(result.isError() && result.exitCode() == null
                        ? result.error() : "exit code " + code + " (a test process passes with 0, true or no value)");
            }
            return Optional.empty();
        }
        boolean expectsError = expect.error() != null;
        if (expectsError) {
            if (!result.isError()) {
                return Optional.of("expected an error containing \"" + expect.error() + "\", but the process ended with "
                        + describe(result.value()));
            }
            if (!result.error().contains(expect.error())) {
                return Optional.of("expected an error containing \"" + expect.error() + "\", got: " + result.error());
            }
        } else if (result.isError() && expect.exitCode() == null) {
            return Optional.of(result.error());
        }
        if (expect.exitCode() != null) {
            int code = result.exitCode() != null ? result.exitCode() : TerminalOutcome.of(result).exitCode();
            if (code != expect.exitCode()) {
                return Optional.of("expected exit code " + expect.exitCode() + ", got " + code
                        + (result.isError() ? " (" + result.error() + ")" : ""));
            }
        }
        if (expect.hasValue() && !valuesEqual(expect.value(), result.value())) {
            return Optional.of("expected value " + describe(expect.value()) + ", got " + describe(result.value()));
        }
        CapturedText out = orEmpty(result.capturedStdout());
        CapturedText err = orEmpty(result.capturedStderr());
        if (expect.stdout() != null) {
            if (!out.complete()) {
                return Optional.of(String.format(Locale.ROOT, "expected stdout %s, but stdout was %,d bytes, more than the"
                        + " %,d kept to compare (its start and its end): an exact stdout expectation cannot hold; use"
                        + " stdout_contains, or have the guest write less", excerpt(expect.stdout()), out.bytes(),
                        out.bytes() - out.leftOut()) + where(out));
            }
            if (!expect.stdout().equals(out.text())) {
                return Optional.of("expected stdout " + quote(expect.stdout()) + ", got " + excerpt(out.text()));
            }
        }
        if (expect.stdoutContains() != null && !out.contains(expect.stdoutContains())) {
            return Optional.of("expected stdout to contain " + quote(expect.stdoutContains()) + ", got "
                    + excerpt(out.text()) + searched(out));
        }
        if (expect.stderrContains() != null && !err.contains(expect.stderrContains())) {
            return Optional.of("expected stderr to contain " + quote(expect.stderrContains()) + ", got "
                    + excerpt(err.text()) + searched(err));
        }
        return Optional.empty();
    }

    /**
     * Deep equality with numbers by value ({@code 42} equals {@code 42L} and {@code 42.0}), maps
     * field by field (or key by key, numeric keys by value), lists in order, and sets (WIT flags) against any collection regardless of order.
     */
    public static boolean valuesEqual(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return compareNumbers(a, b);
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return a.size() == b.size() && a.entrySet().stream().allMatch(e -> mapHas(b, e.getKey(), e.getValue()));
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            return sequenceEqual(a, b);
        }
        if (expected instanceof Collection<?> a && actual instanceof Collection<?> b) {
            return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(y -> valuesEqual(x, y)));
        }
        return Objects.equals(expected, actual);
    }

    /**
     * Whether {@code actual} maps a key equal to {@code key} to a value equal to {@code value}; keys of a
     * WIT {@code map<u32, …>} are numbers by value too ({@code 10} in YAML is the guest's {@code 10L}).
     */
    private static boolean mapHas(Map<?, ?> actual, Object key, Object value) {
        if (actual.containsKey(key)) {
            return valuesEqual(value, actual.get(key));
        }
        if (key instanceof Number) {
            for (Map.Entry<?, ?> e : actual.entrySet()) {
                if (e.getKey() instanceof Number && valuesEqual(key, e.getKey())) {
                    return valuesEqual(value, e.getValue());
                }
            }
        }
        return false;
    }

    private static boolean sequenceEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> i = a.iterator();
        Iterator<?> j = b.iterator();
        while (i.hasNext()) {
            if (!valuesEqual(i.next(), j.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean compareNumbers(Number a, Number b) {
        try {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        } catch (NumberFormatException e) {
            // NaN or infinity
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
    }

    static String describe(Object value) {
        if (value == null) {
            return "no value";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    private static CapturedText orEmpty(CapturedText t) {
        return t == null ? CapturedText.complete("") : t;
    }

    /** For a stream whose middle was not kept: what was searched. */
    private static String searched(CapturedText t) {
        if (t.complete()) {
            return "";
        }
        return String.format(Locale.ROOT, " (searched the %,d bytes kept of %,d: the start and the end; the middle was"
                + " not kept)", t.bytes() - t.leftOut(), t.bytes()) + where(t);
    }

    private static String where(CapturedText t) {
        return t.fullOutput() == null ? "" : "; the whole output: " + t.fullOutput();
    }

    /** A text for a message, at most {@link #EXCERPT} characters of each end: a failure message stays readable. */
    static String excerpt(String s) {
        if (s.length() <= 2 * EXCERPT) {
            return quote(s);
        }
        return quote(s.substring(0, EXCERPT)) + String.format(Locale.ROOT, " … [%,d characters] … ",
                s.length() - 2 * EXCERPT) + quote(s.substring(s.length() - EXCERPT));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"") + "\"";
    }
}
