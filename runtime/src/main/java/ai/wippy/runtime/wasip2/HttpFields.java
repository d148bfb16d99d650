package ai.wippy.runtime.wasip2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A wasi:http/types {@code fields} (headers or trailers): name and value pairs in the order they were
 * given, names compared case-insensitively (RFC 9110 §5.1) but kept as written, values bytes. A fields
 * made by the guest is mutable until it is handed over (an outgoing-request passed to
 * {@code handle}, trailers passed to {@code finish}); those of a response are immutable from the
 * start: {@code set}, {@code append} and {@code delete} then fail with {@code header-error.immutable}.
 *
 * <p>Names must be RFC 9110 tokens and values field-content (no control bytes but tab, no leading or
 * trailing whitespace), else {@code invalid-syntax}. Names the host writes or decides itself
 * ({@code host}, {@code transfer-encoding}, {@code expect}, {@code upgrade}) and the other hop-by-hop
 * fields are {@code forbidden} up front rather than failing the request later; {@code content-length} is
 * allowed: the host sends it itself and holds the body to it. One fields holds at most
 * {@link #MAX_BYTES} (a trap beyond: the guest's memory, not the host's, is where large data belongs).
 */
final class HttpFields {

    /** header-error, as the exception the fields operations throw. */
    static final class HeaderError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        HeaderError(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    record Field(String name, byte[] value) {
    }

    /** Names no guest may set: those the host's client writes itself, and hop-by-hop fields it manages. */
    static final Set<String> FORBIDDEN = Set.of("connection", "expect", "host", "upgrade", "keep-alive",
            "proxy-connection", "transfer-encoding", "te", "http2-settings");
    /** Names and values of one fields, at most (a trap beyond). */
    static final int MAX_BYTES = 1 << 20;

    private final List<Field> fields = new ArrayList<>();
    private boolean immutable;
    private int bytes;

    /** A mutable fields of {@code entries}, every one checked. */
    static HttpFields fromList(List<Field> entries) {
        HttpFields f = new HttpFields();
        for (Field e : entries) {
            f.check(e.name(), List.of(e.value()));
            f.add(e.name(), e.value());
        }
        return f;
    }

    /** Fields the host received (a response's headers): kept as they came, immutable. */
    static HttpFields received(List<Field> entries) {
        HttpFields f = new HttpFields();
        for (Field e : entries) {
            f.fields.add(e);
        }
        f.immutable = true;
        return f;
    }

    void makeImmutable() {
        immutable = true;
    }

    boolean isImmutable() {
        return immutable;
    }

    List<byte[]> get(String name) {
        List<byte[]> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    boolean has(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    void set(String name, List<byte[]> values) {
        mutable();
        check(name, values);
        removeAll(name);
        for (byte[] v : values) {
            add(name, v);
        }
    }

    void delete(String name) {
        mutable();
        if (!isToken(name)) {
            throw new HeaderError("invalid-syntax");
        }
        removeAll(name);
    }

    void append(String name, byte[] value) {
        mutable();
        check(name, List.of(value));
        add(name, value);
    }

    List<Field> entries() {
        return List.copyOf(fields);
    }

    /** A mutable deep copy. */
    HttpFields copy() {
        HttpFields f = new HttpFields();
        for (Field e : fields) {
            f.add(e.name(), e.value().clone());
        }
        return f;
    }

    /** Bytes of names and values: what a header section of these fields costs, about. */
    int size() {
        return bytes;
    }

    private void mutable() {
        if (immutable) {
            throw new HeaderError("immutable");
        }
    }

    private void check(String name, List<byte[]> values) {
        if (!isToken(name)) {
            throw new HeaderError("invalid-syntax");
        }
        for (byte[] v : values) {
            if (!isFieldValue(v)) {
                throw new HeaderError("invalid-syntax");
            }
        }
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            throw new HeaderError("forbidden");
        }
    }

    private void add(String name, byte[] value) {
        long after = (long) bytes + name.length() + value.length;
        if (after > MAX_BYTES) {
            throw new WasiTrap("fields of more than " + MAX_BYTES + " bytes");
        }
        bytes = (int) after;
        fields.add(new Field(name, value.clone()));
    }

    private void removeAll(String name) {
        fields.removeIf(f -> {
            if (f.name().equalsIgnoreCase(name)) {
                bytes -= f.name().length() + f.value().length;
                return true;
            }
            return false;
        });
    }

    /** RFC 9110 token: 1*tchar. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 field-value: visible bytes and obs-text, inner spaces and tabs, none at either end. */
    static boolean isFieldValue(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            int b = v[i] & 0xff;
            boolean ws = b == ' ' || b == '\t';
            if (ws && (i == 0 || i == v.length - 1)) {
                return false;
            }
            if (!ws && (b < 0x21 || b == 0x7f)) {
                return false;
            }
        }
        return true;
    }
}
