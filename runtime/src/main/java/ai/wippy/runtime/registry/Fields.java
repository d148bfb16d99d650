package ai.wippy.runtime.registry;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed, problem-reporting access to an entry's fields by dotted path ({@code "wasi.mounts.1.fs"};
 * paths starting with {@code meta.} read the entry's meta). A value of the wrong type is reported
 * as a problem naming the field and the expected type and is then treated as absent, so
 * validation goes on and never fails with a ClassCastException.
 */
final class Fields {

    private final Entry entry;
    private final ProblemCollector problems;

    Fields(Entry entry, ProblemCollector problems) {
        this.entry = entry;
        this.problems = problems;
    }

    Entry entry() {
        return entry;
    }

    void problem(String path, String message) {
        problems.add(entry, path, message);
    }

    /** A warning about the field at {@code path}: reported, but the entry stays valid. */
    void warning(String path, String message) {
        problems.warn(entry, path, message);
    }

    /** The value at {@code path}, or null when it or any parent is absent. */
    Object raw(String path) {
        String[] segments = path.split("\\.");
        Object current;
        int start;
        if (segments[0].equals("meta")) {
            current = entry.meta();
            start = 1;
        } else {
            current = entry.data();
            start = 0;
        }
        for (int i = start; i < segments.length && current != null; i++) {
            current = child(current, segments[i]);
        }
        return current;
    }

    boolean present(String path) {
        return raw(path) != null;
    }

    Optional<String> string(String path) {
        Object value = raw(path);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        wrongType(path, "a string", value);
        return Optional.empty();
    }

    /** A non-blank string, or null after reporting {@code missingMessage} (or a type problem). */
    String requiredString(String path, String missingMessage) {
        Object value = raw(path);
        if (value != null && !(value instanceof String)) {
            wrongType(path, "a string", value);
            return null;
        }
        String s = (String) value;
        if (s == null || s.isBlank()) {
            problem(path, missingMessage);
            return null;
        }
        return s;
    }

    OptionalLong integer(String path) {
        Object value = raw(path);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof Integer || value instanceof Long) {
            return OptionalLong.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            problem(path, path + " is out of range: " + big);
            return OptionalLong.empty();
        }
        wrongType(path, "an integer", value);
        return OptionalLong.empty();
    }

    Optional<Boolean> bool(String path) {
        Object value = raw(path);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        wrongType(path, "a boolean (true or false)", value);
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String path) {
        Object value = raw(path);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        wrongType(path, "a list", value);
        return null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        Object value = raw(path);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        wrongType(path, "a map", value);
        return null;
    }

    void wrongType(String path, String expected, Object actual) {
        problem(path, path + " must be " + expected + ", got " + describe(actual));
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof Boolean b) {
            return "boolean " + b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "integer " + value;
        }
        if (value instanceof Number n) {
            return "number " + n;
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value.getClass().getSimpleName();
    }

    private static Object child(Object container, String segment) {
        if (container instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (container instanceof List<?> list) {
            try {
                int index = Integer.parseInt(segment);
                return index >= 0 && index < list.size() ? list.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
