package ai.wippy.runtime.manifest;

import static ai.wippy.runtime.manifest.TestProject.formatted;
import static ai.wippy.runtime.manifest.TestProject.messages;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per validation message of SPEC §1, §2, §4 and the other kinds the runtime understands. */
class ValidationMessagesTest {

    @TempDir
    Path tmp;

    /** The directories the cases' fs.directory entries name exist, so only the mistake of each case is reported. */
    @BeforeEach
    void directories() throws IOException {
        Files.createDirectories(tmp.resolve("wasm"));
        Files.createDirectories(tmp.resolve("d"));
    }

    /** Entries the cases refer to: a filesystem and an env variable. */
    private static final String BASE = """
            namespace: myns
            entries:
              - {name: assets, kind: fs.directory, directory: ./wasm}
              - {name: os, kind: env.storage.os}
              - {name: token, kind: env.variable, variable: TOKEN, storage: myns:os}
            """;

    private static final String WASM_FIELDS = """
                fs: myns:assets
                path: /x.wasm
                hash: sha256:00
                method: run
            """;

    /** A case file whose entry t:w is a valid process.wasm plus {@code extra} (indented 4). */
    static String wasm(String extra) {
        return wasmWithout("", extra);
    }

    /** Like {@link #wasm} without the line of field {@code missing}. */
    static String wasmWithout(String missing, String extra) {
        StringBuilder fields = new StringBuilder();
        WASM_FIELDS.lines().filter(l -> missing.isEmpty() || !l.strip().startsWith(missing + ":"))
                .forEach(l -> fields.append(l).append('\n'));
        return "namespace: t\nentries:\n  - name: w\n    kind: process.wasm\n" + fields
                + extra.indent(4);
    }

    static String entry(String kind, String fields) {
        return "namespace: t\nentries:\n  - name: w\n    kind: " + kind + "\n" + fields.indent(4);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // SPEC §2 required fields
                Arguments.of(wasmWithout("fs", ""), "fs is required"),
                Arguments.of(wasmWithout("fs", "fs: '  '"), "fs is required"),
                Arguments.of(wasmWithout("fs", "fs: myns:nope"), "filesystem not found: myns:nope"),
                Arguments.of(wasmWithout("fs", "fs: myns:token"), "filesystem not found: myns:token"),
                Arguments.of(wasmWithout("fs", "fs: assets"), "filesystem not found: assets"),
                Arguments.of(wasmWithout("path", ""), "path is required"),
                Arguments.of(wasmWithout("hash", ""), "hash is required"),
                Arguments.of(wasmWithout("method", ""), "method is required"),
                // SPEC §3 hash format, reported by validate (not only by check)
                Arguments.of(wasmWithout("hash", "hash: deadbeef"), "invalid hash format: deadbeef (a hash is"
                        + " sha256:<64 lowercase hex digits>, what sha256sum prints; mvn wippy:hash -Dwippy.hash.write=true"
                        + " fills it in)"),
                Arguments.of(wasmWithout("hash", "hash: md5:d41d8cd98f00b204e9800998ecf8427e"),
                        "unsupported hash algorithm: md5 (only sha256 is supported: sha256:<64 lowercase hex digits>,"
                                + " what sha256sum prints; mvn wippy:hash -Dwippy.hash.write=true fills it in)"),
                Arguments.of(wasmWithout("method", "method: 12"), "method must be a string, got integer 12"),
                // SPEC §4 imports
                Arguments.of(wasm("imports: ['']"), "import :name cannot be empty"),
                Arguments.of(wasm("imports: ['@0.2.0']"), "import :name cannot be empty"),
                Arguments.of(wasm("imports: [wasi:gpu]"), "unsupported wasm host import: wasi:gpu"),
                Arguments.of(wasm("imports: [funcs]"), "unsupported wasm host import: funcs"),
                Arguments.of(wasm("imports: [5]"), "imports.0 must be a string, got integer 5"),
                Arguments.of(wasm("imports: wasi:cli"), "imports must be a list, got string \"wasi:cli\""),
                // limits
                Arguments.of(wasm("limits: {max_execution_ms: -1}"), "limits.max_execution_ms cannot be negative"),
                Arguments.of(wasm("options: {limits: {max_execution_ms: -5}}"), "limits.max_execution_ms cannot be negative"),
                Arguments.of(wasm("limits: {max_execution_ms: abc}"),
                        "limits.max_execution_ms must be an integer, got string \"abc\""),
                Arguments.of(wasm("limits: {max_execution_ms: 1.5}"),
                        "limits.max_execution_ms must be an integer, got number 1.5"),
                Arguments.of(wasm("limits: {max_execution_ms: 99999999999999999999}"),
                        "limits.max_execution_ms is out of range: 99999999999999999999"),
                Arguments.of(wasm("options: {limits: {memory_bytes: 0}}"), "limits.memory_bytes must be positive"),
                Arguments.of(wasm("options: {limits: {memory_bytes: 1000}}"), "limits.memory_bytes must be a multiple of 64KiB"),
                Arguments.of(wasm("options: {limits: {memory_bytes: 8589934592}}"), "limits.memory_bytes cannot exceed"
                        + " 2147418112 (2GiB - 64KiB, the most linear memory the WASM engine can give a guest), got 8589934592"),
                Arguments.of(wasm("options: {limits: {memory_bytes: 4294967296}}"), "limits.memory_bytes cannot exceed"
                        + " 2147418112 (2GiB - 64KiB, the most linear memory the WASM engine can give a guest), got 4294967296"),
                Arguments.of(wasm("limits: {memory_bytes: 2147483648}"), "limits.memory_bytes cannot exceed"
                        + " 2147418112 (2GiB - 64KiB, the most linear memory the WASM engine can give a guest), got 2147483648"),
                Arguments.of(wasm("options: {limits: {max_open_sockets: -1}}"), "limits.max_open_sockets cannot be negative"),
                Arguments.of(wasm("options: {limits: {fuel: 10}}"),
                        "unknown field \"fuel\" in options.limits (allowed: max_execution_ms, memory_bytes,"
                                + " host_buffer_bytes, asyncify_stack_bytes, max_open_sockets, socket_timeout_ms,"
                                + " max_retained_memory_bytes, retained_memory_check_interval)"),
                Arguments.of(wasm("limits: 5"), "limits must be a map, got integer 5"),
                Arguments.of(wasm("limits: {max_execution_ms: 1}\noptions: {limits: {max_execution_ms: 2}}"),
                        "duplicate options.limits declared at limits (src/main/wippy/case.yaml:9:5)"
                                + " and options.limits (src/main/wippy/case.yaml:10:15)"),
                // transport and pool
                Arguments.of(wasm("transport: grpc"), "invalid transport type"),
                Arguments.of(wasm("pool: {size: -1}"), "pool values cannot be negative"),
                Arguments.of(wasm("pool: {type: huge}"), "invalid pool type"),
                Arguments.of(wasm("pool: {workers: 4}"), "pool.size must be greater than 0 for worker pools"),
                Arguments.of(wasm("pool: {warm_start: 1}"), "pool.warm_start must be a boolean (true or false), got integer 1"),
                // wasi block
                Arguments.of(wasm("wasi: {cwd: relative/dir}"), "wasi.cwd must be absolute"),
                Arguments.of(wasm("wasi: {args: not-a-list}"), "wasi.args must be a list, got string \"not-a-list\""),
                Arguments.of(wasm("wasi: {args: [ok, 1]}"), "wasi.args.1 must be a string, got integer 1"),
                Arguments.of(wasm("wasi: []"), "wasi must be a map, got a list"),
                Arguments.of(wasm("wasi: {env: [{name: A}]}"), "wasi.env[].id is required"),
                Arguments.of(wasm("wasi: {env: [{id: myns:token}]}"), "wasi.env[].name is required"),
                Arguments.of(wasm("wasi: {env: [{id: myns:token, name: A}, {id: TOKEN, name: ' A '}]}"),
                        "wasi.env[].name must be unique"),
                Arguments.of(wasm("wasi: {env: [{id: myns:missing, name: A}]}"), "wasi env variable not found: myns:missing"),
                Arguments.of(wasm("wasi: {env: [{id: myns:token, name: A, required: yes}]}"),
                        "wasi.env.0.required must be a boolean (true or false), got string \"yes\""),
                Arguments.of(wasm("wasi: {env: [~]}"), "wasi.env.0 must be a map {id, name, required}, got null"),
                Arguments.of(wasm("wasi: {mounts: [{guest: /data}]}"), "wasi.mounts[].fs is required"),
                Arguments.of(wasm("wasi: {mounts: [{fs: myns:assets}]}"), "wasi.mounts[].guest is required"),
                Arguments.of(wasm("wasi: {mounts: [{fs: myns:assets, guest: data}]}"), "wasi.mounts[].guest must be absolute"),
                Arguments.of(wasm("wasi: {mounts: [{fs: myns:assets, guest: /data}, {fs: myns:assets, guest: /x/../data/}]}"),
                        "wasi.mounts[].guest must be unique"),
                Arguments.of(wasm("wasi: {mounts: [{fs: myns:nofs, guest: /data}]}"), "wasi mount filesystem not found: myns:nofs"),
                Arguments.of(wasm("wasi: {mounts: [x]}"), "wasi.mounts.0 must be a map, got string \"x\""),
                Arguments.of(wasm("wasi: {mounts: [~]}"), "wasi.mounts.0 must be a map {fs, guest, read_only}, got null"),
                // meta.command
                Arguments.of(wasm("meta: {command: {short: no name}}"),
                        "meta.command.name is required and must be a non-empty string"),
                Arguments.of(wasm("meta: {command: greet}"), "meta.command must be a map, got string \"greet\""),
                Arguments.of(wasm("meta: {command: {name: g, main: sure}}"),
                        "meta.command.main must be a boolean (true or false), got string \"sure\""),
                // fs.directory
                Arguments.of(entry("fs.directory", "mode: '0755'"), "directory is required"),
                Arguments.of(entry("fs.directory", "directory: \"a\\0b\""), "directory is not a valid path: a\0b"),
                Arguments.of(entry("fs.directory", "directory: d\nmode: rwx"),
                        "mode must be an octal string such as \"0755\", got string \"rwx\""),
                Arguments.of(entry("fs.directory", "directory: d\nmode: 789"),
                        "mode must be an octal string such as \"0755\", got integer 789"),
                Arguments.of(entry("fs.directory", "directory: d\nauto_init: 1"),
                        "auto_init must be a boolean (true or false), got integer 1"),
                // process.host
                Arguments.of(entry("process.host", "host: {workers: -1}"),
                        "host.workers must be a non-negative integer, got -1"),
                Arguments.of(entry("process.host", "host: {queue_size: lots}"),
                        "host.queue_size must be an integer, got string \"lots\""),
                Arguments.of(entry("process.host", "host: {max_processes: 3000000000}"),
                        "host.max_processes must be a non-negative integer, got 3000000000"),
                Arguments.of(entry("process.host", "host: 4"), "host must be a map, got integer 4"),
                // test.process
                Arguments.of(entry("test.process", "args: []"), "target is required"),
                Arguments.of(entry("test.process", "target: t:nope"), "target not found: t:nope"),
                Arguments.of(entry("test.process", "target: myns:assets"),
                        "target must be a process.* entry, myns:assets is a fs.directory"),
                Arguments.of(entry("test.process", "target: t:proc\nargs: 5"), "args must be a list, got integer 5"),
                Arguments.of(entry("test.process", "target: t:proc\ntimeout_ms: 0"), "timeout_ms must be greater than 0"),
                Arguments.of(entry("test.process", "target: t:proc\nexpect: {valeu: 1}"),
                        "expect: unknown key \"valeu\" (allowed: value, error, exit_code, stdout, stdout_contains, stderr_contains)"),
                Arguments.of(entry("test.process", "target: t:proc\nexpect: {exit_code: one}"),
                        "expect.exit_code must be an integer, got string \"one\""),
                Arguments.of(entry("test.process", "target: t:proc\nexpect: {exit_code: 9999999999}"),
                        "expect.exit_code is out of range: 9999999999"),
                Arguments.of(entry("test.process", "target: t:proc\nexpect: {stdout: [a]}"),
                        "expect.stdout must be a string, got a list"),
                Arguments.of(entry("test.process", "target: t:proc\nexpect: yes"),
                        "expect must be a map, got string \"yes\""),
                Arguments.of(entry("test.process", "target: t:proc\nmeta: {suite: [a]}"),
                        "meta.suite must be a string, got a list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void eachMistakeGivesItsMessage(String caseYaml, String expectedMessage) {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", caseYaml);
        p.manifest("target.yaml", caseYaml.contains("kind: test.process")
                ? "namespace: t\nentries:\n  - name: proc\n    kind: process.lua\n" : "namespace: unused\nentries: []\n");
        LoadResult result = p.load();

        assertThat(messages(result)).containsExactly(expectedMessage);
        assertThat(result.problems().get(0).position().file()).isEqualTo("src/main/wippy/case.yaml");
        assertThat(result.problems().get(0).position().line()).isPositive();
    }

    @Test
    void malformedHashesAreReportedAtTheirLineWithEveryOtherProblem() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", """
                namespace: t
                entries:
                  - {name: a, kind: process.wasm, fs: myns:assets, path: a.wasm, method: run, hash: deadbeef}
                  - name: b
                    kind: process.wasm
                    fs: myns:assets
                    path: b.wasm
                    method: run
                    hash: "md5:d41d8cd98f00b204e9800998ecf8427e"
                    wasi: {cwd: relative}
                """);
        LoadResult result = p.load();
        assertThat(formatted(result)).hasSize(3).anySatisfy(m -> assertThat(m)
                .startsWith("src/main/wippy/case.yaml:3:").contains("t:a: invalid hash format: deadbeef"))
                .anySatisfy(m -> assertThat(m)
                        .startsWith("src/main/wippy/case.yaml:9:").contains("t:b: unsupported hash algorithm: md5"))
                .anySatisfy(m -> assertThat(m).contains("t:b: wasi.cwd must be absolute"));
    }

    @Test
    void theHashGoalMayLoadAPlaceholderHashItIsAboutToReplace() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasmWithout("hash", "hash: TODO"));
        assertThat(messages(p.load())).singleElement().asString().startsWith("invalid hash format: TODO");
        LoadResult lenient = ManifestLoader.load(p.options().hashFormatChecked(false).build());
        assertThat(lenient.problems()).isEmpty();
        assertThat(lenient.registry().wasmEntries()).extracting(WasmEntry::hash).containsExactly("TODO");
    }

    @Test
    void cwdProblemIsReportedAtTheCwdKeyWithTheEntryId() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasm("wasi:\n  args: [a]\n  cwd: tmp"));
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/case.yaml:11:7: t:w: wasi.cwd must be absolute");
    }

    @Test
    void mountProblemIsReportedAtTheFieldOfThatMount() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasm("""
                wasi:
                  mounts:
                    - fs: myns:assets
                      guest: /data
                    - fs: myns:assets
                      guest: relative
                """));
        assertThat(formatted(p.load())).containsExactly(
                "src/main/wippy/case.yaml:14:11: t:w: wasi.mounts[].guest must be absolute");
    }

    @Test
    void memoryBytesBeyondWhatTheEngineCanGiveIsReportedAtTheFieldWithTheEntryId() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasm("options:\n  limits:\n    memory_bytes: 4294967296"));
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/case.yaml:11:9: t:w: limits.memory_bytes"
                + " cannot exceed 2147418112 (2GiB - 64KiB, the most linear memory the WASM engine can give a guest),"
                + " got 4294967296");
    }

    @Test
    void memoryBytesUpToWhatTheEngineCanGiveIsAccepted() {
        // the limit validation accepts (and its message names) exactly what the engine can give
        assertThat(EngineOptions.MAX_MEMORY_BYTES).isEqualTo(2147418112L);
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasm("options: {limits: {memory_bytes: " + EngineOptions.MAX_MEMORY_BYTES + "}}"));
        LoadResult result = p.load();
        assertThat(messages(result)).isEmpty();
        WasmEntry w = result.registry().wasmEntry("t:w").orElseThrow();
        assertThat(w.limits().memoryBytes()).isEqualTo(EngineOptions.MAX_MEMORY_BYTES);
    }

    @Test
    void requiredFieldProblemIsReportedAtTheEntryWhenTheFieldIsMissing() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasmWithout("hash", ""));
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/case.yaml:3:5: t:w: hash is required");
    }

    @Test
    void allProblemsOfOneEntryAreReportedTogether() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", "namespace: t\nentries:\n  - name: w\n    kind: function.wasm\n"
                + "    transport: x\n    wasi: {cwd: rel}\n");
        LoadResult result = p.load();
        assertThat(formatted(result)).containsExactly(
                "src/main/wippy/case.yaml:3:5: t:w: fs is required",
                "src/main/wippy/case.yaml:3:5: t:w: hash is required",
                "src/main/wippy/case.yaml:3:5: t:w: method is required",
                "src/main/wippy/case.yaml:3:5: t:w: path is required",
                "src/main/wippy/case.yaml:5:5: t:w: invalid transport type",
                "src/main/wippy/case.yaml:6:12: t:w: wasi.cwd must be absolute");
        assertThat(result.registry().wasmEntries()).isEmpty();
        assertThat(result.registry().find("t:w")).isPresent();
    }

    @Test
    void duplicateCommandNamesNameBothEntries() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", BASE);
        p.manifest("case.yaml", wasm("meta: {command: {name: greet}}")
                + "  - name: v\n    kind: process.lua\n    meta:\n      command: {name: greet}\n");
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/case.yaml:13:17: t:v: duplicate"
                + " command name \"greet\": also declared by t:w at src/main/wippy/case.yaml:9:22");
    }

    @Test
    void missingDirectoryIsAnErrorAtItsFieldSayingWhatToChange() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", "namespace: t\nentries:\n  - name: out\n    kind: fs.directory\n"
                + "    directory: ./build/out\n");
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/_index.yaml:5:5: t:out: directory ./build/out"
                + " does not exist (" + tmp.resolve("build/out") + "); create it, fix the path, or set auto_init: true"
                + " to have it created when a process mounts it");
    }

    @Test
    void missingDirectoryWithAutoInitIsFineAtValidateTime() {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", "namespace: t\nentries:\n  - {name: out, kind: fs.directory, directory: ./build/out,"
                + " auto_init: true}\n");
        LoadResult result = p.load();
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.registry().fsDirectory("t:out")).isPresent();
        assertThat(tmp.resolve("build")).as("validation creates nothing").doesNotExist();
    }

    @Test
    void directoryThatIsAFileIsAnErrorEvenWithAutoInit() {
        TestProject p = new TestProject(tmp);
        p.write("notes.txt", "x");
        p.manifest("_index.yaml", "namespace: t\nentries:\n  - {name: out, kind: fs.directory, directory: notes.txt,"
                + " auto_init: true}\n");
        assertThat(formatted(p.load())).containsExactly("src/main/wippy/_index.yaml:3:37: t:out: directory notes.txt"
                + " is not a directory (" + tmp.resolve("notes.txt") + " is a file); point directory at a directory");
    }

    /** An entry with a read-only and a writable mount, both of {@code fs.directory} entries written by the case. */
    private LoadResult mounts(String directories, String mounts) {
        TestProject p = new TestProject(tmp);
        p.manifest("_index.yaml", "namespace: m\nentries:\n" + directories.indent(2) + """
                  - name: w
                    kind: process.wasm
                    fs: m:a
                    path: /x.wasm
                    hash: sha256:00
                    method: run
                    wasi:
                      mounts:
                """ + mounts.indent(8));
        return p.load();
    }

    @Test
    void readOnlyAndWritableMountOfOneDirectoryIsAWarningAtTheReadOnlyMount() {
        LoadResult result = mounts("""
                - {name: a, kind: fs.directory, directory: ./wasm}
                """, """
                - {fs: m:a, guest: /out}
                - {fs: m:a, guest: /in, read_only: true}
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.registry().wasmEntry("m:w")).as("a warning keeps the entry").isPresent();
        assertThat(result.warnings()).extracting(Problem::format).containsExactly("src/main/wippy/_index.yaml:13:33: m:w:"
                + " read-only mount /in and writable mount /out are the same host directory (" + real("wasm") + "): the"
                + " guest can write it through /out, so read_only: true does not protect it; mount it once, or make both"
                + " mounts read-only");
        assertThat(result.warnings()).allMatch(Problem::isWarning);
    }

    @Test
    void twoFsEntriesReachingOneDirectoryThroughASymlinkAreCaught() throws IOException {
        Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("wasm"));
        LoadResult result = mounts("""
                - {name: a, kind: fs.directory, directory: ./wasm}
                - {name: b, kind: fs.directory, directory: ./alias}
                """, """
                - {fs: m:b, guest: /in, read_only: true}
                - {fs: m:a, guest: /out, read_only: false}
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).extracting(Problem::message).containsExactly("read-only mount /in and writable"
                + " mount /out are the same host directory (" + real("wasm") + "): the guest can write it through /out,"
                + " so read_only: true does not protect it; mount it once, or make both mounts read-only");
    }

    @Test
    void readOnlyMountInsideAWritableOneIsAWarningToo() throws IOException {
        Files.createDirectories(tmp.resolve("wasm/in"));
        LoadResult result = mounts("""
                - {name: a, kind: fs.directory, directory: ./wasm}
                - {name: inner, kind: fs.directory, directory: ./wasm/in}
                """, """
                - {fs: m:a, guest: /all}
                - {fs: m:inner, guest: /in, read_only: true}
                """);
        assertThat(result.warnings()).extracting(Problem::message).containsExactly("read-only mount /in ("
                + real("wasm/in") + ") is inside writable mount /all (" + real("wasm") + "): the guest can write it"
                + " through /all, so read_only: true does not protect it; mount directories that do not overlap, or"
                + " make /all read-only");
    }

    @Test
    void separateOrAllReadOnlyMountsGetNoWarning() throws IOException {
        Files.createDirectories(tmp.resolve("wasm/in"));
        LoadResult result = mounts("""
                - {name: a, kind: fs.directory, directory: ./wasm}
                - {name: inner, kind: fs.directory, directory: ./wasm/in}
                - {name: other, kind: fs.directory, directory: ./d}
                """, """
                - {fs: m:a, guest: /all, read_only: true}
                - {fs: m:other, guest: /out}
                - {fs: m:inner, guest: /in2}
                """);
        // /in2 (writable) is inside /all (read-only): the writable part is meant to be written.
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    private Path real(String relative) {
        try {
            return tmp.resolve(relative).toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
