package ai.wippy.runtime.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code .env} text: {@code KEY=VALUE} lines, {@code #} comment lines, blank lines, an
 * optional {@code export } prefix, values optionally in single or double quotes; an unquoted value
 * ends at {@code " #"}. Lines that are none of these are returned as errors, not thrown.
 */
final class DotEnvParser {

    record Result(Map<String, String> values, List<String> errors) {
    }

    private DotEnvParser() {
    }

    static Result parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> errors = new java.util.ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                errors.add("line " + (i + 1) + ": expected KEY=VALUE");
                continue;
            }
            values.put(key, value(line.substring(eq + 1).strip()));
        }
        return new Result(values, List.copyOf(errors));
    }

    private static String value(String raw) {
        if (raw.length() >= 2) {
            char first = raw.charAt(0);
            if ((first == '"' || first == '\'') && raw.indexOf(first, 1) > 0) {
                String inner = raw.substring(1, raw.indexOf(first, 1));
                return first == '"' ? inner.replace("\\n", "\n") : inner;
            }
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
