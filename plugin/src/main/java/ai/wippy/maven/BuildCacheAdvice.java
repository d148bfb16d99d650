package ai.wippy.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Whether the Maven Build Cache Extension would skip a goal of this plugin on a cache hit. The
 * extension does not hash what the goals read (WASM binaries, manifests; for a {@code pom} project
 * no file at all), so a restored build would skip {@code check} even after a binary was tampered
 * with. The goals run in the first, uncached build, so that is where a warning can say so.
 *
 * <p>Reads what the extension reads: {@code .mvn/extensions.xml} (or the project's build
 * extensions), {@code maven.build.cache.enabled}, {@code maven.build.cache.alwaysRunPlugins}, and
 * the {@code executionControl/runAlways} section of {@code .mvn/maven-build-cache-config.xml} (or
 * {@code maven.build.cache.configPath}).
 */
final class BuildCacheAdvice {

    static final String EXTENSION = "maven-build-cache-extension";
    static final String PLUGIN = "wippy-maven-plugin";

    private BuildCacheAdvice() {
    }

    /**
     * The warning for {@code goal} (execution {@code executionId}), or empty when the extension is
     * not in the build or runs the goal on every build.
     *
     * @param rootDirectory      the build's root ({@code .mvn}'s parent), or null
     * @param buildExtensionUsed whether the project declares the extension as a build extension
     * @param properties         user, then system properties, as the extension reads them
     */
    static Optional<String> warning(Path rootDirectory, boolean buildExtensionUsed, Properties properties, String goal,
            String executionId) {
        boolean inBuild = buildExtensionUsed || (rootDirectory != null && mentions(
                rootDirectory.resolve(".mvn/extensions.xml"), EXTENSION));
        if (!inBuild || "false".equalsIgnoreCase(properties.getProperty("maven.build.cache.enabled", "true").trim())) {
            return Optional.empty();
        }
        if (forcedByProperty(properties.getProperty("maven.build.cache.alwaysRunPlugins"), goal)) {
            return Optional.empty();
        }
        String configPath = properties.getProperty("maven.build.cache.configPath");
        Path config = configPath != null ? Path.of(configPath)
                : rootDirectory == null ? null : rootDirectory.resolve(".mvn/maven-build-cache-config.xml");
        if (config != null && forcedByConfig(config, goal, executionId)) {
            return Optional.empty();
        }
        return Optional.of("wippy:" + goal + " runs under the Maven Build Cache Extension, which does not hash WASM"
                + " binaries or manifests: a build restored from the cache would skip wippy:" + goal
                + " even after a binary or a manifest changed. Make the plugin's goals always run: add"
                + " <executionControl><runAlways><plugins><plugin artifactId=\"" + PLUGIN + "\"/></plugins></runAlways>"
                + "</executionControl> to " + (config != null ? config : ".mvn/maven-build-cache-config.xml")
                + ", or -Dmaven.build.cache.alwaysRunPlugins=" + PLUGIN + ":* to .mvn/maven.config"
                + " (README: The Maven Build Cache Extension)");
    }

    /** {@code artifactId[:goal],...} as the extension parses it. */
    static boolean forcedByProperty(String value, String goal) {
        if (value == null) {
            return false;
        }
        for (String item : value.split(",")) {
            String[] tokens = item.trim().split(":");
            if (tokens[0].equals(PLUGIN) && (tokens.length == 1 || tokens[1].equals("*") || tokens[1].equals(goal))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code runAlways} section: a plugin, a goals list, or execution IDs naming this plugin. */
    static boolean forcedByConfig(Path config, String goal, String executionId) {
        Element root = parse(config);
        if (root == null) {
            return false;
        }
        for (Element runAlways : descendants(root, "runAlways")) {
            for (Element plugin : descendants(runAlways, "plugin")) {
                if (PLUGIN.equals(plugin.getAttribute("artifactId"))) {
                    return true;
                }
            }
            for (Element list : descendants(runAlways, "goalsList")) {
                if (PLUGIN.equals(list.getAttribute("artifactId"))
                        && descendants(list, "goal").stream().anyMatch(g -> g.getTextContent().trim().equals(goal))) {
                    return true;
                }
            }
            for (Element execution : descendants(runAlways, "execution")) {
                if (PLUGIN.equals(execution.getAttribute("artifactId")) && descendants(execution, "execId").stream()
                        .anyMatch(id -> id.getTextContent().trim().equals(executionId))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentions(Path file, String artifactId) {
        Element root = parse(file);
        return root != null && descendants(root, "artifactId").stream()
                .anyMatch(a -> a.getTextContent().trim().equals(artifactId));
    }

    private static Element parse(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            return null; // the extension reports its own broken configuration
        }
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
                if (name.equals(localName)) {
                    out.add(e);
                }
                out.addAll(descendants(e, localName));
            }
        }
        return out;
    }
}
