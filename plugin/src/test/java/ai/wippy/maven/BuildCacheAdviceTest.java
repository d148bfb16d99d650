package ai.wippy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the Maven Build Cache Extension would skip a goal on a cache hit, the first build says so and how to fix it. */
class BuildCacheAdviceTest {

    @TempDir
    Path root;

    private static final String EXTENSIONS = """
            <extensions>
              <extension>
                <groupId>org.apache.maven.extensions</groupId>
                <artifactId>maven-build-cache-extension</artifactId>
                <version>1.2.1</version>
              </extension>
            </extensions>
            """;

    private void write(String name, String text) throws Exception {
        Files.createDirectories(root.resolve(".mvn"));
        Files.writeString(root.resolve(".mvn").resolve(name), text);
    }

    private static String config(String runAlways) {
        return "<cache xmlns=\"http://maven.apache.org/BUILD-CACHE-CONFIG/1.2.0\"><executionControl><runAlways>"
                + runAlways + "</runAlways></executionControl></cache>";
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void noExtensionNoWarning() throws Exception {
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "default")).isEmpty();
        write("extensions.xml", "<extensions/>");
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "default")).isEmpty();
        assertThat(BuildCacheAdvice.warning(null, false, props(), "check", "default")).isEmpty();
    }

    @Test
    void theExtensionWithoutRunAlwaysGetsAWarningThatSaysWhatToAdd() throws Exception {
        write("extensions.xml", EXTENSIONS);
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "default")).hasValueSatisfying(w -> assertThat(w)
                .startsWith("wippy:check runs under the Maven Build Cache Extension, which does not hash WASM binaries"
                        + " or manifests: a build restored from the cache would skip wippy:check")
                .contains("<plugin artifactId=\"wippy-maven-plugin\"/>")
                .contains(root.resolve(".mvn/maven-build-cache-config.xml").toString())
                .contains("-Dmaven.build.cache.alwaysRunPlugins=wippy-maven-plugin:*"));
        // as a build extension of the project too
        assertThat(BuildCacheAdvice.warning(null, true, props(), "test", "default")).isPresent();
        // a config without runAlways for the plugin
        write("maven-build-cache-config.xml", config("<plugins><plugin artifactId=\"maven-failsafe-plugin\"/></plugins>"));
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "default")).isPresent();
    }

    @Test
    void disabledOrForcedNoWarning() throws Exception {
        write("extensions.xml", EXTENSIONS);
        assertThat(BuildCacheAdvice.warning(root, false, props("maven.build.cache.enabled", "false"), "check", "x")).isEmpty();
        assertThat(BuildCacheAdvice.warning(root, false,
                props("maven.build.cache.alwaysRunPlugins", "maven-install-plugin:install,wippy-maven-plugin:*"), "check", "x"))
                .isEmpty();
        assertThat(BuildCacheAdvice.warning(root, false, props("maven.build.cache.alwaysRunPlugins", "wippy-maven-plugin"),
                "check", "x")).isEmpty();
        assertThat(BuildCacheAdvice.warning(root, false, props("maven.build.cache.alwaysRunPlugins", "wippy-maven-plugin:test"),
                "check", "x")).isPresent();

        write("maven-build-cache-config.xml", config("<plugins><plugin artifactId=\"wippy-maven-plugin\"/></plugins>"));
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "x")).isEmpty();

        write("maven-build-cache-config.xml", config("<goalsLists><goalsList artifactId=\"wippy-maven-plugin\"><goals>"
                + "<goal>check</goal></goals></goalsList></goalsLists>"));
        assertThat(BuildCacheAdvice.warning(root, false, props(), "check", "x")).isEmpty();
        assertThat(BuildCacheAdvice.warning(root, false, props(), "test", "x")).isPresent();

        write("maven-build-cache-config.xml", config("<executions><execution artifactId=\"wippy-maven-plugin\"><execIds>"
                + "<execId>wasm</execId></execIds></execution></executions>"));
        assertThat(BuildCacheAdvice.warning(root, false, props(), "test", "wasm")).isEmpty();
        assertThat(BuildCacheAdvice.warning(root, false, props(), "test", "default")).isPresent();

        Path elsewhere = root.resolve("cache.xml");
        Files.writeString(elsewhere, config("<plugins><plugin artifactId=\"wippy-maven-plugin\"/></plugins>"));
        Files.delete(root.resolve(".mvn/maven-build-cache-config.xml"));
        assertThat(BuildCacheAdvice.warning(root, false, props("maven.build.cache.configPath", elsewhere.toString()),
                "test", "default")).isEmpty();
    }
}
