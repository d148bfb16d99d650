package ai.wippy.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code -Dwippy.test=<patterns>}: comma-separated globs ({@code *} any run of characters,
 * {@code ?} one character) matched against a test's full ID ({@code ns:name}), its name, or
 * {@code suite/name}; a leading {@code !} excludes. No pattern selects everything.
 */
public final class TestSelector {

    private final List<Pattern> includes = new ArrayList<>();
    private final List<Pattern> excludes = new ArrayList<>();

    private TestSelector() {
    }

    public static TestSelector parse(String patterns) {
        TestSelector s = new TestSelector();
        if (patterns == null) {
            return s;
        }
        for (String raw : patterns.split(",")) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("!")) {
                s.excludes.add(glob(p.substring(1).trim()));
            } else {
                s.includes.add(glob(p));
            }
        }
        return s;
    }

    public boolean selects(TestCase t) {
        if (excludes.stream().anyMatch(p -> matches(p, t))) {
            return false;
        }
        return includes.isEmpty() || includes.stream().anyMatch(p -> matches(p, t));
    }

    private static boolean matches(Pattern p, TestCase t) {
        return p.matcher(t.id()).matches() || p.matcher(t.name()).matches()
                || p.matcher(t.suite() + "/" + t.name()).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
