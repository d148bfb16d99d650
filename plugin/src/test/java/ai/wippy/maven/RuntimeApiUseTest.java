package ai.wippy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Internal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mojos only translate parameters and results: they use the runtime's public API, never a
 * package it marks {@link Internal} (the engine, WASI hosts, the component pipeline).
 */
class RuntimeApiUseTest {

    private static final Pattern RUNTIME_TYPE = Pattern.compile("\\bai\\.wippy\\.runtime((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void theMojosUseOnlyTheRuntimesPublicApi() throws IOException, ClassNotFoundException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = RUNTIME_TYPE.matcher(Files.readString(f));
                while (m.find()) {
                    used.add("ai.wippy.runtime" + m.group(1));
                }
            }
        }
        assertThat(used).as("runtime packages the plugin uses").contains("ai.wippy.runtime", "ai.wippy.runtime.testing");
        Set<String> internal = new TreeSet<>();
        for (String pkg : used) {
            Class<?> info = Class.forName(pkg + ".package-info");
            if (info.getAnnotation(Internal.class) != null) {
                internal.add(pkg);
            }
        }
        assertThat(internal).as("internal runtime packages used by the plugin").isEmpty();
    }
}
