package ai.wippy.runtime.manifest;

import static ai.wippy.runtime.manifest.TestProject.formatted;
import static ai.wippy.runtime.manifest.TestProject.messages;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.registry.EnvResolver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvAndPlaceholderTest {

    @TempDir
    Path tmp;

    private TestProject project() {
        return new TestProject(tmp);
    }

    private static final String STORAGES = """
            namespace: env
            entries:
              - {name: os, kind: env.storage.os}
              - name: static
                kind: env.storage.static
                values: {GREETING: hello, PORT: 8080, EMPTY: ""}
              - {name: dotenv, kind: env.storage.file, file_path: config/.env}
              - {name: missing_dotenv, kind: env.storage.file, file_path: config/absent.env}
              - {name: mem, kind: env.storage.memory}
              - name: router
                kind: env.storage.router
                storages: [env:mem, env:dotenv, env:static, env:os]
            """;

    @Test
    void everyStorageKindAndTheRouterResolveVariables() {
        TestProject p = project().environment(Map.of("HOME_DIR", "/home/u", "SHARED", "from-os"));
        p.write("config/.env", """
                # comment
                export DB_URL="postgres://db"
                SHARED=from-file  # trailing comment
                QUOTED='a # b'

                """);
        p.manifest("env.yaml", STORAGES + """
                  - {name: home, kind: env.variable, variable: HOME_DIR, storage: env:os}
                  - {name: greeting, kind: env.variable, variable: GREETING, storage: env:static}
                  - {name: port, kind: env.variable, variable: PORT, storage: env:static}
                  - {name: empty, kind: env.variable, variable: EMPTY, storage: env:static, default: d}
                  - {name: DB_URL, kind: env.variable, storage: env:dotenv}
                  - {name: quoted, kind: env.variable, variable: QUOTED, storage: env:dotenv}
                  - {name: shared, kind: env.variable, variable: SHARED, storage: env:router}
                  - {name: in_memory, kind: env.variable, variable: MEMO, storage: env:mem}
                  - {name: absent, kind: env.variable, variable: ABSENT, storage: env:missing_dotenv, default: x}
                """);
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        EnvResolver env = result.registry().env();
        assertThat(env.lookup("HOME_DIR")).contains("/home/u");
        assertThat(env.lookup("env:home")).contains("/home/u");
        assertThat(env.lookup("GREETING")).contains("hello");
        assertThat(env.lookup("PORT")).contains("8080");
        assertThat(env.lookup("env:DB_URL")).contains("postgres://db");
        assertThat(env.lookup("QUOTED")).contains("a # b");
        assertThat(env.lookup("SHARED")).as("router: file before os").contains("from-file");
        assertThat(env.lookup("MEMO")).isEmpty();
        assertThat(env.lookup("EMPTY")).as("empty is missing, default not applied").isEmpty();
        assertThat(env.lookup("ABSENT")).as("default not applied").isEmpty();
        assertThat(env.lookup("env:nope")).isEmpty();
    }

    @Test
    void placeholdersResolveThroughVariablesThenOsThenDefault() {
        TestProject p = project().environment(Map.of("ONLY_OS", "os-value", "GREETING", "os-greeting"));
        p.manifest("env.yaml", STORAGES + """
                  - {name: greeting, kind: env.variable, variable: GREETING, storage: env:static}
                  - {name: by_id, kind: env.variable, storage: env:static, default: id-default}
                """);
        p.manifest("use.yaml", """
                namespace: use
                entries:
                  - name: x
                    kind: custom
                    a: "${env:GREETING} world"
                    b: ${env:ONLY_OS}
                    c: ${env:NOWHERE|fallback}
                    d: "${env:env:by_id}"
                    e: ["${env:NOWHERE|}", "${env: GREETING }"]
                    meta_untouched: plain
                """);
        LoadResult result = p.load();

        assertThat(result.problems()).isEmpty();
        Map<String, Object> data = result.registry().find("use:x").orElseThrow().data();
        assertThat(data.get("a")).isEqualTo("hello world");
        assertThat(data.get("b")).isEqualTo("os-value");
        assertThat(data.get("c")).isEqualTo("fallback");
        assertThat(data.get("d")).isEqualTo("id-default");
        assertThat(data.get("e")).isEqualTo(java.util.List.of("", "hello"));
    }

    @Test
    void unresolvedPlaceholderIsAProblemAtItsField() {
        TestProject p = project();
        p.manifest("use.yaml", """
                namespace: use
                entries:
                  - name: x
                    kind: custom
                    token: "Bearer ${env:API_TOKEN}"
                    blank: "${env:}"
                """);
        LoadResult result = p.load();

        assertThat(formatted(result)).containsExactly(
                "src/main/wippy/use.yaml:5:5: use:x: unresolved placeholder ${env:API_TOKEN}: declare an"
                        + " env.variable with variable: API_TOKEN, set the environment variable API_TOKEN,"
                        + " or give a default as ${env:API_TOKEN|default}",
                "src/main/wippy/use.yaml:6:5: use:x: placeholder ${env:} has no variable name");
    }

    @Test
    void envEntriesThemselvesUseOnlyTheOsEnvironment() {
        TestProject p = project().environment(Map.of("ENV_FILE", "config/.env"));
        p.write("config/.env", "K=v\n");
        p.manifest("env.yaml", """
                namespace: e
                entries:
                  - {name: f, kind: env.storage.file, file_path: "${env:ENV_FILE}"}
                  - {name: k, kind: env.variable, variable: K, storage: e:f}
                """);
        LoadResult result = p.load();
        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().env().lookup("K")).contains("v");
    }

    @Test
    void envValidationMessages() {
        TestProject p = project();
        p.write("config/bad.env", "GOOD=1\nthis line is wrong\n");
        p.manifest("env.yaml", """
                namespace: e
                entries:
                  - {name: os, kind: env.storage.os}
                  - {name: v1, kind: env.variable}
                  - {name: v2, kind: env.variable, storage: e:nope}
                  - {name: v3, kind: env.variable, storage: e:os, variable: "BAD-NAME"}
                  - {name: v4, kind: env.variable, storage: e:os, variable: SAME}
                  - {name: v5, kind: env.variable, storage: e:os, variable: SAME}
                  - {name: f1, kind: env.storage.file}
                  - {name: f2, kind: env.storage.file, file_path: config/bad.env}
                  - {name: r1, kind: env.storage.router}
                  - {name: r2, kind: env.storage.router, storages: [e:os, e:ghost]}
                  - {name: c1, kind: env.storage.router, storages: [e:c2]}
                  - {name: c2, kind: env.storage.router, storages: [e:c1]}
                  - {name: s1, kind: env.storage.static, values: {A: [1]}}
                  - {name: s2, kind: env.storage.static, values: nope}
                  - {name: v6, kind: env.variable, storage: e:os, default: {a: 1}, readonly: maybe}
                """);
        LoadResult result = p.load();

        assertThat(formatted(result)).containsExactly(
                "src/main/wippy/env.yaml:4:6: e:v1: storage is required",
                "src/main/wippy/env.yaml:5:36: e:v2: env storage not found: e:nope",
                "src/main/wippy/env.yaml:6:51: e:v3: variable must contain only letters, digits and underscores: BAD-NAME",
                "src/main/wippy/env.yaml:8:51: e:v5: duplicate env variable name SAME: also declared by e:v4"
                        + " at src/main/wippy/env.yaml:7:6",
                "src/main/wippy/env.yaml:9:6: e:f1: file_path is required",
                "src/main/wippy/env.yaml:10:40: e:f2: env file config/bad.env: line 2: expected KEY=VALUE",
                "src/main/wippy/env.yaml:11:6: e:r1: storages is required",
                "src/main/wippy/env.yaml:12:59: e:r2: env storage not found: e:ghost",
                "src/main/wippy/env.yaml:14:53: e:c2: env.storage.router cycle: e:c1 -> e:c2 -> e:c1",
                "src/main/wippy/env.yaml:15:51: e:s1: values.A must be a string, number or boolean, got a list",
                "src/main/wippy/env.yaml:16:42: e:s2: values must be a map, got string \"nope\"",
                "src/main/wippy/env.yaml:17:51: e:v6: default must be a string, number or boolean, got a map",
                "src/main/wippy/env.yaml:17:68: e:v6: readonly must be a boolean (true or false), got string \"maybe\"");
        assertThat(result.registry().env().lookup("e:v2")).isEqualTo(Optional.empty());
    }

    @Test
    void routerStorageItemsMustBeIds() {
        TestProject p = project();
        p.manifest("env.yaml", "namespace: e\nentries:\n  - {name: r, kind: env.storage.router, storages: ['', 5]}\n");
        assertThat(messages(p.load())).containsExactly("storages[0] must be a storage ID",
                "storages.1 must be a string, got integer 5");
    }

    @Test
    void invalidEnvFilePathIsAProblem() {
        TestProject p = project();
        p.manifest("env.yaml", "namespace: e\nentries:\n  - {name: f, kind: env.storage.file, file_path: \"a\\0b\"}\n");
        assertThat(messages(p.load())).containsExactly("env file path is not valid: a\0b");
    }

    @Test
    void oversizeEnvFileIsAProblem() {
        TestProject p = project();
        p.write("config/.env", "K=" + "v".repeat(500) + "\n");
        p.manifest("env.yaml", "namespace: e\nentries:\n  - {name: f, kind: env.storage.file, file_path: config/.env}\n");
        LoadResult result = ManifestLoader.load(p.options().maxFileBytes(300).build());
        assertThat(messages(result)).containsExactly("env file config/.env is larger than 300 bytes");
    }
}
