package ai.wippy.runtime.command;

import ai.wippy.runtime.process.ProcessResult;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a command's end means in a terminal (SPEC §8, Wippy's terminal host): an error is printed
 * on stderr and exits 1; a string is printed with a newline and exits 0; a number is the exit
 * code (not a finite integer in the int range: 1); {@code true} is 0, {@code false} is 1; nothing
 * is 0; any other value (a record, a list, …) is printed as one line of JSON and exits 0 (SPEC §6.1).
 * A WASI exit status is the exit code.
 *
 * @param exitCode what the command exits with
 * @param stdout   text to print on stdout (with its newline), or null
 * @param stderr   text to print on stderr (with its newline), or null
 */
public record TerminalOutcome(int exitCode, String stdout, String stderr) {

    public static TerminalOutcome of(ProcessResult result) {
        if (result.exitCode() != null) {
            return new TerminalOutcome(result.exitCode(), null, null);
        }
        if (result.isError()) {
            return new TerminalOutcome(1, null, dedupePrefixes(result.error()) + "\n");
        }
        Object v = result.value();
        if (v == null) {
            return new TerminalOutcome(0, null, null);
        }
        if (v instanceof String s) {
            return new TerminalOutcome(0, s + "\n", null);
        }
        if (v instanceof Boolean b) {
            return new TerminalOutcome(b ? 0 : 1, null, null);
        }
        if (v instanceof Number n) {
            return new TerminalOutcome(exitCodeOf(n), null, null);
        }
        // records, lists, variants, …: people want to see what came back (Wippy prints nothing)
        return new TerminalOutcome(0, JsonLine.of(v) + "\n", null);
    }

    private static int exitCodeOf(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)
                    || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                return 1;
            }
            return (int) d;
        }
        BigInteger big = n instanceof BigInteger b ? b : new BigDecimal(n.toString()).toBigInteger();
        if (big.bitLength() > 31) {
            return 1;
        }
        return big.intValue();
    }

    /** Wippy prints {@code a: a: b} as {@code a: b}: repeated leading "prefix: " parts are dropped. */
    static String dedupePrefixes(String message) {
        String[] parts = message.split(": ", -1);
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (String part : parts) {
            if (part.equals(previous)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(": ");
            }
            out.append(part);
            previous = part;
        }
        return out.toString();
    }
}
