package ai.wippy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What users of the plugin see of it without reading its code: the goal and parameter documentation
 * ({@code mvn wippy:help -Ddetail}, the site's goal pages), which goals take which parameters, the
 * help goal's package, and the IDE's lifecycle mapping. Read from the descriptor maven-plugin-plugin
 * generated ({@code META-INF/maven/plugin.xml}) and from the resources of the plugin jar.
 */
class PluginDescriptorTest {

    private static final List<String> GOALS = List.of("check", "hash", "help", "integration-test", "list", "run",
            "test", "validate", "verify");

    /** goal → (parameter → description), editable parameters only. */
    private static Map<String, Map<String, String>> goals() throws Exception {
        Document d = parse("/META-INF/maven/plugin.xml");
        Map<String, Map<String, String>> goals = new LinkedHashMap<>();
        for (Element mojo : children(child(d.getDocumentElement(), "mojos"), "mojo")) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("", text(mojo, "description"));
            Element parameters = child(mojo, "parameters");
            for (Element p : parameters == null ? List.<Element>of() : children(parameters, "parameter")) {
                if ("true".equals(text(p, "editable"))) {
                    params.put(text(p, "name"), text(p, "description"));
                }
            }
            goals.put(text(mojo, "goal"), params);
        }
        return goals;
    }

    @Test
    void everyGoalAndParameterIsDocumentedWithoutPointingToAFileUsersDoNotHave() throws Exception {
        Map<String, Map<String, String>> goals = goals();
        assertThat(goals.keySet()).containsExactlyInAnyOrderElementsOf(GOALS);
        goals.forEach((goal, params) -> params.forEach((name, doc) -> {
            String what = name.isEmpty() ? "goal " + goal : goal + "." + name;
            assertThat(doc).as("documentation of %s", what).isNotBlank();
            assertThat(doc).as("documentation of %s", what).doesNotContain("SPEC");
        }));
    }

    @Test
    void engineAndCacheParametersOnlyOnGoalsThatRunGuests() throws Exception {
        Map<String, Map<String, String>> goals = goals();
        for (String goal : List.of("run", "test", "integration-test")) {
            assertThat(goals.get(goal)).as(goal).containsKeys("engine", "cache", "cacheDirectory");
        }
        for (String goal : List.of("validate", "check", "hash", "list", "verify")) {
            assertThat(goals.get(goal)).as(goal).doesNotContainKeys("engine", "cache", "cacheDirectory");
        }
    }

    @Test
    void theHelpGoalLivesInThePluginsOwnPackage() throws Exception {
        assertThat(Class.forName("ai.wippy.maven.HelpMojo")).isNotNull();
        Document d = parse("/META-INF/maven/plugin.xml");
        for (Element mojo : children(child(d.getDocumentElement(), "mojos"), "mojo")) {
            assertThat(text(mojo, "implementation")).startsWith("ai.wippy.maven.");
        }
    }

    @Test
    void m2eRunsValidateOnIncrementalBuildsAndIgnoresTheRestCoveringEveryGoalOnce() throws Exception {
        Document d = parse("/META-INF/m2e/lifecycle-mapping-metadata.xml");
        Map<String, String> action = new LinkedHashMap<>();
        for (Element execution : children(child(d.getDocumentElement(), "pluginExecutions"), "pluginExecution")) {
            Element act = children(child(execution, "action"), null).get(0);
            String what = act.getTagName().equals("execute") ? "execute runOnIncremental=" + text(act, "runOnIncremental")
                    : act.getTagName();
            for (Element goal : children(child(child(execution, "pluginExecutionFilter"), "goals"), "goal")) {
                assertThat(action.put(goal.getTextContent().trim(), what)).as("goal %s mapped once", goal.getTextContent())
                        .isNull();
            }
        }
        assertThat(action.keySet()).containsExactlyInAnyOrderElementsOf(GOALS);
        assertThat(action).containsEntry("validate", "execute runOnIncremental=true");
        action.forEach((goal, what) -> assertThat(goal.equals("validate") || what.equals("ignore")).as(goal).isTrue());
    }

    /** {@code mvn site} documents every goal and parameter: the plugin report is configured in the plugin's POM. */
    @Test
    void theSiteHasThePluginReport() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.File("pom.xml"));
        List<String> reports = new ArrayList<>();
        for (Element p : children(child(child(pom.getDocumentElement(), "reporting"), "plugins"), "plugin")) {
            reports.add(text(p, "artifactId"));
        }
        assertThat(reports).contains("maven-plugin-report-plugin");
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? "" : c.getTextContent().trim();
    }
}
