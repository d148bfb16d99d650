package ai.wippy.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.registry.CommandMeta;
import ai.wippy.runtime.registry.EntryId;
import ai.wippy.runtime.registry.Expectation;
import ai.wippy.runtime.registry.FsDirectory;
import ai.wippy.runtime.registry.Limits;
import ai.wippy.runtime.registry.ProcessHostConfig;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.TestProcess;
import ai.wippy.runtime.registry.WasiConfig;
import ai.wippy.runtime.registry.WasmEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A realistic project in the style of the seed and of Wippy's own test app loads cleanly and is typed right. */
class SeedManifestTest {

    @TempDir
    Path tmp;

    private Registry load() {
        TestProject p = new TestProject(tmp).environment(Map.of("API_TOKEN", "s3cret"));
        p.manifest("wit/answer.wit", "answer: func() -> s32;\n");
        p.write("src/main/wasm/.keep", "");
        p.manifest("_index.yaml", """
                version: "1.0"
                namespace: myns
                meta:
                  owner: platform
                entries:
                  - name: assets
                    kind: fs.directory
                    directory: ./src/main/wasm
                    mode: "0755"
                    auto_init: false
                  - name: data
                    kind: fs.directory
                    directory: data
                    auto_init: true
                  - name: os_env
                    kind: env.storage.os
                  - name: api_token
                    kind: env.variable
                    variable: API_TOKEN
                    storage: myns:os_env
                  - name: compute_worker
                    kind: process.wasm
                    meta:
                      comment: Component exporting compute(a, b)
                      command: {name: compute, short: Add two numbers, main: true}
                    fs: myns:assets
                    path: /minimal_component.wasm
                    hash: sha256:292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4
                    method: compute
                    imports: ["WASI:CLI/STDOUT@0.2.3", wasi:io, wasi:clocks, wasi:filesystem]
                    wasi:
                      args: ["--verbose", "x"]
                      cwd: /work
                      env:
                        - {id: myns:api_token, name: TOKEN, required: true}
                        - {id: API_TOKEN, name: ALSO_TOKEN}
                      mounts:
                        - {fs: myns:data, guest: /work/, read_only: false}
                        - {fs: myns:assets, guest: /assets/./bin/.., read_only: true}
                    options:
                      limits: {max_execution_ms: 5000, memory_bytes: 1048576}
                  - name: answer
                    kind: function.wasm
                    fs: myns:assets
                    path: answer.wasm
                    hash: sha256:ccf59f0f00000000000000000000000000000000000000000000000000000000
                    method: answer
                    wit: file://wit/answer.wit
                    transport: payload
                    imports: [wasi_snapshot_preview1]
                    limits: {max_execution_ms: 100}
                    pool: {type: lazy, max_size: 4}
                  - name: greet
                    kind: process.wasm
                    meta: {command: {name: greet}, type: test}
                    fs: myns:assets
                    path: greet.wasm
                    hash: sha256:00
                    method: run
                    headers: "Bearer ${env:API_TOKEN}"
                  - name: processes
                    kind: process.host
                    host: {max_processes: 10000, workers: 32}
                    lifecycle: {auto_start: true}
                  - name: default_host
                    kind: process.host
                  - name: terminal
                    kind: terminal.host
                    hide_logs: false
                  - name: helper
                    kind: function.lua
                    source: "return 1"
                    modules: [json]
                """);
        p.write("src/test/wippy/_index.yaml", """
                namespace: myns.test
                entries:
                  - name: compute_is_42
                    kind: test.process
                    meta: {type: test, suite: wasm, description: spawn compute and check the EXIT value}
                    target: myns:compute_worker
                    args: [6, 7]
                    timeout_ms: 3000
                    expect: {value: 42, exit_code: 0, stdout_contains: ok}
                  - name: defaults
                    kind: test.process
                    target: myns:greet
                  - name: expects_null
                    kind: test.process
                    target: myns:greet
                    expect: {value: null, error: boom, stdout: "x\\n", stderr_contains: warn}
                """);
        LoadResult result = p.load();
        assertThat(result.problems()).isEmpty();
        return result.registry();
    }

    @Test
    void seedStyleProjectLoadsWithoutProblems() {
        Registry registry = load();
        assertThat(registry.entries()).hasSize(14);
        assertThat(registry.ofKind("terminal.host")).hasSize(1);
        assertThat(registry.ofKind("function.lua")).extracting(e -> e.id().toString()).containsExactly("myns:helper");
    }

    @Test
    void wasmEntryIsFullyTyped() {
        WasmEntry compute = load().wasmEntry("myns:compute_worker").orElseThrow();

        assertThat(compute.isProcess()).isTrue();
        assertThat(compute.isTest()).isFalse();
        assertThat(compute.fs()).isEqualTo("myns:assets");
        assertThat(compute.path()).isEqualTo("/minimal_component.wasm");
        assertThat(compute.hash()).isEqualTo("sha256:292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4");
        assertThat(compute.method()).isEqualTo("compute");
        assertThat(compute.wit()).isNull();
        assertThat(compute.imports()).containsExactly("wasi:cli", "wasi:io", "wasi:clocks", "wasi:filesystem");
        assertThat(compute.transport()).isEqualTo("payload");
        assertThat(compute.limits()).isEqualTo(new Limits(5000, 1048576));
        assertThat(compute.command()).contains(new CommandMeta("compute", "Add two numbers", true));
        assertThat(compute.meta()).containsEntry("owner", "platform").containsEntry("comment", "Component exporting compute(a, b)");
        assertThat(compute.position().toString()).isEqualTo("src/main/wippy/_index.yaml:21:5");
        assertThat(compute.wasi()).isEqualTo(new WasiConfig(List.of("--verbose", "x"), "/work",
                List.of(new WasiConfig.Env("myns:api_token", "TOKEN", true),
                        new WasiConfig.Env("API_TOKEN", "ALSO_TOKEN", false)),
                List.of(new WasiConfig.Mount("myns:data", "/work", false),
                        new WasiConfig.Mount("myns:assets", "/assets", true))));
    }

    @Test
    void functionEntryGetsWitTextAndRootLimits() {
        WasmEntry answer = load().wasmEntry("myns:answer").orElseThrow();
        assertThat(answer.isProcess()).isFalse();
        assertThat(answer.wit()).isEqualTo("answer: func() -> s32;\n");
        assertThat(answer.imports()).containsExactly("wasi1");
        assertThat(answer.limits()).isEqualTo(new Limits(100, 0));
        assertThat(answer.wasi()).isEqualTo(WasiConfig.EMPTY);
    }

    @Test
    void placeholdersAndTestMetaReachTheTypedEntry() {
        Registry registry = load();
        WasmEntry greet = registry.wasmEntry("myns:greet").orElseThrow();
        assertThat(greet.isTest()).isTrue();
        assertThat(registry.find("myns:greet").orElseThrow().data().get("headers")).isEqualTo("Bearer s3cret");
        assertThat(registry.env().lookup("myns:api_token")).contains("s3cret");
    }

    @Test
    void fsDirectoriesResolveAgainstTheProject() {
        Registry registry = load();
        FsDirectory assets = registry.fsDirectory("myns:assets").orElseThrow();
        assertThat(assets.directory()).isEqualTo(tmp.resolve("src/main/wasm"));
        assertThat(assets.mode()).isEqualTo("0755");
        assertThat(assets.autoInit()).isFalse();
        FsDirectory data = registry.fsDirectory("myns:data").orElseThrow();
        assertThat(data.directory()).isEqualTo(tmp.resolve("data"));
        assertThat(data.autoInit()).isTrue();
        assertThat(registry.fsDirectory("myns:nope")).isEmpty();
    }

    @Test
    void commandsAreSortedByNameAndFoundByName() {
        Registry registry = load();
        assertThat(registry.commands()).extracting(e -> e.command().orElseThrow().name())
                .containsExactly("compute", "greet");
        assertThat(registry.command("greet").map(WasmEntry::id)).contains(EntryId.parse("myns:greet"));
        assertThat(registry.command("nope")).isEmpty();
    }

    @Test
    void processHostsHaveDefaults() {
        List<ProcessHostConfig> hosts = load().processHosts();
        assertThat(hosts).extracting(h -> h.id().toString()).containsExactly("myns:default_host", "myns:processes");
        ProcessHostConfig defaults = hosts.get(0);
        assertThat(defaults.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.queueSize()).isEqualTo(1024);
        assertThat(defaults.maxProcesses()).isZero();
        ProcessHostConfig configured = hosts.get(1);
        assertThat(configured.workers()).isEqualTo(32);
        assertThat(configured.maxProcesses()).isEqualTo(10000);
    }

    @Test
    void testProcessesAreTyped() {
        List<TestProcess> tests = load().testProcesses();
        assertThat(tests).extracting(t -> t.id().toString())
                .containsExactly("myns.test:compute_is_42", "myns.test:defaults", "myns.test:expects_null");

        TestProcess compute = tests.get(0);
        assertThat(compute.target()).isEqualTo(EntryId.parse("myns:compute_worker"));
        assertThat(compute.args()).containsExactly(6, 7);
        assertThat(compute.timeoutMs()).isEqualTo(3000);
        assertThat(compute.expect()).isEqualTo(new Expectation(true, 42, null, 0, null, "ok", null));
        assertThat(compute.suite()).isEqualTo("wasm");
        assertThat(compute.description()).isEqualTo("spawn compute and check the EXIT value");
        assertThat(compute.position().file()).isEqualTo("src/test/wippy/_index.yaml");

        TestProcess defaults = tests.get(1);
        assertThat(defaults.args()).isEmpty();
        assertThat(defaults.timeoutMs()).isEqualTo(30_000);
        assertThat(defaults.expect()).isEqualTo(Expectation.NONE);
        assertThat(defaults.suite()).isEqualTo("wippy");
        assertThat(defaults.description()).isNull();

        assertThat(tests.get(2).expect()).isEqualTo(new Expectation(true, null, "boom", null, "x\n", null, "warn"));
        assertThat(Optional.ofNullable(tests.get(2).expect().value())).isEmpty();
    }
}
