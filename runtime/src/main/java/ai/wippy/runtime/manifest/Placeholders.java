package ai.wippy.runtime.manifest;

import ai.wippy.runtime.registry.ManifestEntry;
import ai.wippy.runtime.registry.ProblemCollector;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${env:NAME|default}} inside string fields of an entry's
 * data. {@code lookup} says where NAME's value comes from; an unresolved placeholder without a
 * default is a problem at its field and stays in the text.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([^}|]*)(?:\\|([^}]*))?}");

    private final Function<String, Optional<String>> lookup;
    private final ProblemCollector problems;

    Placeholders(Function<String, Optional<String>> lookup, ProblemCollector problems) {
        this.lookup = lookup;
        this.problems = problems;
    }

    ManifestEntry apply(ManifestEntry entry) {
        StringRewriter rewriter = (path, value) -> resolve(entry, path, value);
        return entry.withData(rewriter.applyTo(entry.data()));
    }

    private String resolve(ManifestEntry entry, String path, String value) {
        if (!value.contains("${env:")) {
            return value;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String fallback = matcher.group(2);
            Optional<String> resolved = name.isEmpty() ? Optional.empty() : lookup.apply(name);
            String replacement;
            if (resolved.isPresent()) {
                replacement = resolved.get();
            } else if (fallback != null) {
                replacement = fallback;
            } else {
                replacement = matcher.group();
                problems.add(entry, path, name.isEmpty()
                        ? "placeholder " + matcher.group() + " has no variable name"
                        : "unresolved placeholder " + matcher.group() + ": declare an env.variable with"
                                + " variable: " + name + ", set the environment variable " + name
                                + ", or give a default as ${env:" + name + "|default}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
