package ai.wippy.runtime.component.compile;

import java.util.Locale;
import java.util.regex.Pattern;

/** The lexical rules for import/export names and labels (Explainer "Import and Export Definitions"). */
final class Names {

    private static final String FIRST = "(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)";
    private static final String FRAGMENT = "(?:[0-9a-z]+|[0-9A-Z]+)";
    private static final String LABEL = FIRST + "(?:-" + FRAGMENT + ")*";
    private static final String WORDS = "[a-z][0-9a-z]*(?:-[0-9a-z]+)*";
    private static final String SEMVER = "(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    private static final String CANON_VERSION = "(?:[1-9][0-9]*|0\\.[1-9][0-9]*|0\\.0\\.[1-9][0-9]*|0\\.0\\.0)";

    private static final Pattern LABEL_P = Pattern.compile(LABEL);
    private static final Pattern CONSTRUCTOR = Pattern.compile("\\[constructor\\](" + LABEL + ")");
    private static final Pattern METHOD = Pattern.compile("\\[(method|static)\\](" + LABEL + ")\\.(" + LABEL + ")");
    private static final Pattern INTERFACE = Pattern.compile(WORDS + ":" + WORDS + "/" + LABEL
            + "(?:@(?:" + SEMVER + "|" + CANON_VERSION + "))?");
    private static final Pattern SEMVER_P = Pattern.compile(SEMVER);
    private static final Pattern CANON_VERSION_P = Pattern.compile(CANON_VERSION);

    private Names() {
    }

    static boolean isLabel(String s) {
        return LABEL_P.matcher(s).matches();
    }

    /** Null when {@code name} is a valid extern name, else what is wrong. */
    static String checkExternName(String name) {
        if (isLabel(name) || CONSTRUCTOR.matcher(name).matches() || METHOD.matcher(name).matches()
                || INTERFACE.matcher(name).matches()) {
            return null;
        }
        if (name.contains(":")) {
            return "`" + name + "` is not a valid interface name (expected namespace:package/interface@version)";
        }
        if (name.startsWith("[")) {
            return "`" + name + "` is not a valid annotated name";
        }
        return "`" + name + "` is not in kebab case";
    }

    static boolean isInterface(String name) {
        return INTERFACE.matcher(name).matches();
    }

    /** The version of an interface name ({@code 0.2} of {@code wasi:io/streams@0.2}), or null. */
    static String interfaceVersion(String name) {
        int at = name.indexOf('@');
        return at < 0 || !isInterface(name) ? null : name.substring(at + 1);
    }

    /** A version cut to its compatibility prefix ({@code 1}, {@code 0.2}, {@code 0.0.3}), as canonical interface names have. */
    static boolean isCanonVersion(String version) {
        return CANON_VERSION_P.matcher(version).matches();
    }

    static boolean isSemver(String version) {
        return SEMVER_P.matcher(version).matches();
    }

    /** The resource a {@code [constructor]}, {@code [method]} or {@code [static]} name belongs to, or null. */
    static String resourceOf(String name) {
        var c = CONSTRUCTOR.matcher(name);
        if (c.matches()) {
            return c.group(1);
        }
        var m = METHOD.matcher(name);
        return m.matches() ? m.group(2) : null;
    }

    static boolean isConstructor(String name) {
        return CONSTRUCTOR.matcher(name).matches();
    }

    static boolean isMethod(String name) {
        return name.startsWith("[method]") && METHOD.matcher(name).matches();
    }

    /** The form two names are compared in for the spec's strong uniqueness. */
    static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        var m = METHOD.matcher(n);
        if (m.matches() && m.group(2).equals(m.group(3))) {
            return m.group(2);
        }
        if (n.startsWith("[method]") || n.startsWith("[static]")) {
            return n.substring(8);
        }
        return n;
    }
}
