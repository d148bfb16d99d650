package ai.wippy.runtime.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rewrites {@code hash:} values in a manifest's text and changes nothing else, byte for byte:
 * comments, key order, indentation, line endings (CRLF stays CRLF), a BOM, and the value's own
 * quoting style (plain, {@code '…'} or {@code "…"}; block or flow context; YAML or JSON).
 *
 * <p>A replacement is addressed by where the {@code hash} key starts (1-based line and column, as
 * the manifest loader records it) and carries the value it expects to find there, so a file that
 * changed since it was loaded is never corrupted.
 */
public final class HashRewriter {

    /** Replace the value of the {@code hash} key at {@code line}:{@code column}. */
    public record Replacement(int line, int column, String expectedOldValue, String newValue) {
    }

    private HashRewriter() {
    }

    public static String rewrite(String text, List<Replacement> replacements) {
        List<int[]> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Replacement r : replacements) {
            int keyOffset = offsetOf(text, r.line(), r.column());
            int[] span = valueSpan(text, keyOffset, r);
            String found = unquote(text.substring(span[0], span[1]));
            if (!found.equals(r.expectedOldValue())) {
                throw new IllegalStateException("line " + r.line() + ": expected hash " + r.expectedOldValue()
                        + " but found " + found + "; the file changed since it was read");
            }
            spans.add(span);
            values.add(requote(text.substring(span[0], span[1]), r.newValue()));
        }
        // Apply from the end so earlier offsets stay valid.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> spans.get(i)[0]).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (int i : order) {
            sb.replace(spans.get(i)[0], spans.get(i)[1], values.get(i));
        }
        return sb.toString();
    }

    /**
     * Rewrites a file in place, atomically (a temporary file moved over it), keeping its
     * permissions, and its link if it is a symbolic link ({@link InPlaceFile}).
     */
    public static void rewriteFile(Path file, List<Replacement> replacements) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.UTF_8);
        InPlaceFile.replace(file, rewrite(text, replacements).getBytes(StandardCharsets.UTF_8));
    }

    /** Offset of a 1-based line and column; columns count code points after a BOM like SnakeYAML. */
    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                throw new IllegalStateException("line " + line + " is past the end of the file");
            }
            offset = nl + 1;
        }
        if (line == 1 && text.startsWith("\uFEFF")) {
            offset++;
        }
        return text.offsetByCodePoints(offset, column - 1);
    }

    /** Start and end offsets of the scalar value that follows the key starting at {@code keyOffset}. */
    private static int[] valueSpan(String text, int keyOffset, Replacement r) {
        int i = skipKey(text, keyOffset, r);
        i = skipBlanks(text, i);
        if (i >= text.length() || text.charAt(i) != ':') {
            throw new IllegalStateException("line " + r.line() + ": no ':' after the hash key");
        }
        i++;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r'
                || text.charAt(i) == '\n')) {
            i++;
        }
        int start = i;
        if (i >= text.length()) {
            throw new IllegalStateException("line " + r.line() + ": the hash key has no value");
        }
        char c = text.charAt(i);
        if (c == '"') {
            i++;
            while (i < text.length() && text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return new int[] {start, i + 1};
        }
        if (c == '\'') {
            i++;
            while (i < text.length()) {
                if (text.charAt(i) == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            return new int[] {start, i + 1};
        }
        boolean flow = inFlowContext(text, keyOffset);
        while (i < text.length()) {
            char d = text.charAt(i);
            if (d == '\n' || d == '\r' || (d == '#' && Character.isWhitespace(text.charAt(i - 1)))
                    || (flow && (d == ',' || d == '}' || d == ']'))) {
                break;
            }
            i++;
        }
        int end = i;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new int[] {start, end};
    }

    private static int skipKey(String text, int i, Replacement r) {
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            int close = text.indexOf(c, i + 1);
            return close + 1;
        }
        if (!text.startsWith("hash", i)) {
            throw new IllegalStateException("line " + r.line() + ", column " + r.column() + ": no hash key there");
        }
        return i + 4;
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Whether the key sits inside an unclosed {@code {} or {@code [} on its line or before. */
    private static boolean inFlowContext(String text, int offset) {
        int depth = 0;
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' && depth == 0) {
                single = false;
                dbl = false;
                continue;
            }
            if (dbl) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    dbl = false;
                }
            } else if (single) {
                if (c == '\'') {
                    single = false;
                }
            } else if (c == '"') {
                dbl = true;
            } else if (c == '\'') {
                single = true;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1))) && depth == 0) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? offset : nl - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }

    private static String unquote(String scalar) {
        if (scalar.length() >= 2 && scalar.startsWith("\"") && scalar.endsWith("\"")) {
            return scalar.substring(1, scalar.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (scalar.length() >= 2 && scalar.startsWith("'") && scalar.endsWith("'")) {
            return scalar.substring(1, scalar.length() - 1).replace("''", "'");
        }
        return scalar;
    }

    /** The new value in the old value's quoting style (hash values never need escaping). */
    private static String requote(String oldScalar, String value) {
        if (oldScalar.startsWith("\"")) {
            return "\"" + value + "\"";
        }
        if (oldScalar.startsWith("'")) {
            return "'" + value + "'";
        }
        return value;
    }
}
