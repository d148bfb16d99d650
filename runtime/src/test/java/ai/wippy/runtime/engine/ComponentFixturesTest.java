package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.component.host.HostImports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code fixtures/components/expected/*.json} (recorded with jco, an independent
 * Component Model implementation, and checked against a second canonical ABI written from the
 * specification; see fixtures/components/README.md) on this engine and compares the results, in the
 * interpreter and in compiled code. Where jco deviates from the specification the entry's
 * {@code result}/{@code trap} is the specification's and is what is asserted ({@code jco} is ignored).
 * Cases with the same {@code instance} run in file order on one instance (handles named
 * {@code {"handle": "counter1"}} are the ones earlier results of that instance returned); every other
 * case gets a fresh instance. A trap must be a {@link WasmCallException} of reason TRAP, and must
 * poison the instance (SPEC §6.2): a call that works on a fresh instance then fails.
 */
class ComponentFixturesTest {

    static final Path DIR = Fixtures.dir().getParent().resolve("components");

    /**
     * Fixtures run in AUTO mode only: calc-js is 11 MB of SpiderMonkey. Compiling it all takes half a
     * minute (COMPILER); AUTO runs it interpreted while it compiles in the background, as users run
     * it, and its 20 cases take a few seconds.
     */
    private static final Set<String> AUTO_ONLY = Set.of("calc-js");

    /** WASI 0.2 commands: run by {@link #wasiCommand()} and {@link #wasiHttpCommand}, not as calls of functions. */
    private static final Set<String> NOT_RUN = Set.of("command", "http-worker", "fetch-js");

    /** {@code -Dwippy.fixtures=types,resources} runs only those fixtures (while working on one). */
    private static final Set<String> ONLY = System.getProperty("wippy.fixtures", "").isBlank() ? Set.of()
            : Set.of(System.getProperty("wippy.fixtures").split(","));

    @TestFactory
    Stream<DynamicNode> fixtures() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path p : expectedFiles()) {
            String name = fixtureName(p);
            if (NOT_RUN.contains(name) || !ONLY.isEmpty() && !ONLY.contains(name)) {
                continue;
            }
            List<EngineMode> modes = AUTO_ONLY.contains(name) ? List.of(EngineMode.AUTO)
                    : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER);
            for (EngineMode mode : modes) {
                nodes.add(fixture(name, mode));
            }
        }
        return nodes.stream();
    }

    /**
     * command.wasm, a C program made a WASI 0.2 command by jco's preview 1 adapter, run with each
     * entry's arguments and environment on the WASI 0.2 host: stdout, stderr and the exit code must
     * be what {@code jco run} gave.
     */
    @Test
    @SuppressWarnings("unchecked")
    void wasiCommand() throws IOException {
        Program program = new Loaded("command", EngineMode.AUTO).program();
        List<Object> cases = (List<Object>) TestJson.parse(Files.readString(DIR.resolve("expected/command.json")));
        assertThat(cases).isNotEmpty();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            List<String> args = new ArrayList<>(List.of("command"));
            ((List<Object>) c.get("args")).forEach(a -> args.add((String) a));
            List<Map.Entry<String, String>> env = new ArrayList<>();
            ((Map<String, Object>) c.get("env")).forEach((k, v) -> env.add(Map.entry(k, (String) v)));
            env.sort(Map.Entry.comparingByKey());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WasiOptions wasi = WasiOptions.builder().arguments(args).environment(env).stdout(out).stderr(err)
                    .stdin(new java.io.ByteArrayInputStream(new byte[0])).build();
            int exit;
            try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0,
                    Set.of("wasi:cli", "wasi:io", "wasi:poll", "wasi:clocks", "wasi:filesystem", "wasi:random")))) {
                Object result = e.call((String) c.get("function"), null, List.of(), false);
                exit = ((Map<String, Object>) result).containsKey("ok") ? 0 : 1;
            } catch (WasmCallException x) {
                assertThat(x.reason()).as("%s: %s", c, x.getMessage()).isEqualTo(WasmCallException.Reason.EXIT);
                exit = x.exitCode();
            }
            String what = "command.wasm " + c.get("args") + " env " + c.get("env");
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).as(what + ": stdout").isEqualTo(c.get("stdout"));
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as(what + ": stderr").isEqualTo(c.get("stderr"));
            assertThat(exit).as(what + ": exit code").isEqualTo(((Number) c.get("exit_code")).intValue());
        }
    }

    /**
     * http-worker.wasm (C) and fetch-js.wasm (JavaScript: StarlingMonkey's fetch()), WASI 0.2 commands
     * of wasi:http, run against a loopback server answering as the oracle's did: the requests each
     * made, stdout, stderr and the exit code must be what {@code jco run} (preview2-shim's wasi:http)
     * gave.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http-worker", "fetch-js"})
    @SuppressWarnings("unchecked")
    void wasiHttpCommand(String fixture) throws Exception {
        Program program = new Loaded(fixture, EngineMode.AUTO).program();
        List<Object> cases = (List<Object>) TestJson.parse(Files.readString(DIR.resolve("expected/" + fixture + ".json")));
        // StarlingMonkey reads the clocks, the random source and the preopens (none here) as well
        Set<String> grants = fixture.equals("fetch-js")
                ? Set.of("wasi:cli", "wasi:io", "wasi:poll", "wasi:http", "wasi:clocks", "wasi:random", "wasi:filesystem")
                : Set.of("wasi:cli", "wasi:io", "wasi:poll", "wasi:http");
        assertThat(cases).isNotEmpty();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            Map<String, Object> serve = (Map<String, Object>) c.get("serve");
            List<String> requested = java.util.Collections.synchronizedList(new ArrayList<>());
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", x -> {
                requested.add(x.getRequestMethod() + " " + x.getRequestURI());
                byte[] body = ((String) serve.get("body")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                x.getResponseHeaders().add("content-type", "text/plain");
                x.sendResponseHeaders(((Number) serve.get("status")).intValue(), body.length);
                try (var out = x.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                List<String> args = new ArrayList<>(List.of(fixture));
                ((List<Object>) c.get("args")).forEach(a -> args.add((String) a));
                List<Map.Entry<String, String>> env = new ArrayList<>();
                if (c.containsKey("api_path")) {
                    env.add(Map.entry("API_URL", "http://127.0.0.1:" + server.getAddress().getPort() + c.get("api_path")));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                WasiOptions wasi = WasiOptions.builder().arguments(args).environment(env).stdout(out).stderr(err)
                        .stdin(new java.io.ByteArrayInputStream(new byte[0])).build();
                int exit;
                try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, grants))) {
                    Object result = e.call((String) c.get("function"), null, List.of(), false);
                    exit = ((Map<String, Object>) result).containsKey("ok") ? 0 : 1;
                } catch (WasmCallException x) {
                    assertThat(x.reason()).as("%s: %s", c, x.getMessage()).isEqualTo(WasmCallException.Reason.EXIT);
                    exit = x.exitCode();
                }
                String what = fixture + ".wasm " + c.get("args") + " api_path " + c.get("api_path");
                assertThat(requested).as(what + ": requests").isEqualTo(c.get("requested"));
                assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).as(what + ": stdout").isEqualTo(c.get("stdout"));
                assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as(what + ": stderr").isEqualTo(c.get("stderr"));
                assertThat(exit).as(what + ": exit code").isEqualTo(((Number) c.get("exit_code")).intValue());
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void everyExpectedFileIsCovered() throws IOException {
        List<String> names = expectedFiles().stream().map(ComponentFixturesTest::fixtureName).toList();
        assertThat(names).contains("types", "strings-utf16", "strings-latin1", "resources", "nested", "unresolved",
                "minimal", "greeter", "calc-js", "command", "http-worker", "fetch-js");
        for (String n : names) {
            assertThat(DIR.resolve("wasm/" + n + ".wasm")).as("component of expected/%s.json", n).isRegularFile();
        }
    }

    // ------------------------------------------------------------------ discovery

    static List<Path> expectedFiles() throws IOException {
        try (Stream<Path> s = Files.list(DIR.resolve("expected"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static String fixtureName(Path expected) {
        String f = expected.getFileName().toString();
        return f.substring(0, f.length() - ".json".length());
    }

    /** One entry of an expected file, with its 1-based line (the files have one entry per line). */
    record Case(String fixture, int index, int line, Map<String, Object> json) {
        String function() {
            return (String) json.get("function");
        }

        @SuppressWarnings("unchecked")
        List<Object> args() {
            return (List<Object>) json.get("args");
        }

        String instance() {
            return (String) json.get("instance");
        }

        boolean traps() {
            return json.containsKey("trap");
        }

        boolean withoutImports() {
            return "none".equals(json.get("imports"));
        }

        String where() {
            return "expected/" + fixture + ".json entry " + index + " (line " + line + ")";
        }

        String call() {
            String a = TestJson.write(args());
            if (a.length() > 120) {
                a = a.substring(0, 120) + "…";
            }
            return function() + "(" + a.substring(1, a.length() - 1) + ")";
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases(String fixture) {
        try {
            List<String> lines = Files.readAllLines(DIR.resolve("expected/" + fixture + ".json"), StandardCharsets.UTF_8);
            List<Object> entries = (List<Object>) TestJson.parse(String.join("\n", lines));
            List<Case> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                // one entry per line, after the opening bracket
                assertThat(lines.get(i + 1)).as("expected/%s.json line %d", fixture, i + 2).startsWith("  {\"function\"");
                out.add(new Case(fixture, i, i + 2, (Map<String, Object>) entries.get(i)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ running

    /** The fixture's component, loaded once per mode on first use (a load failure fails every case). */
    static final class Loaded {
        final String fixture;
        final EngineMode mode;
        private Program program;
        private RuntimeException failure;

        Loaded(String fixture, EngineMode mode) {
            this.fixture = fixture;
            this.mode = mode;
        }

        synchronized Program program() {
            if (program == null && failure == null) {
                long t0 = System.nanoTime();
                try {
                    byte[] bytes = Files.readAllBytes(DIR.resolve("wasm/" + fixture + ".wasm"));
                    program = WasmEngine.create(EngineOptions.builder().mode(mode).build()).load(fixture + ".wasm", bytes);
                    System.out.printf("[component fixtures] %s.wasm (%,d bytes) loaded for %s in %d ms%n", fixture,
                            bytes.length, mode, (System.nanoTime() - t0) / 1_000_000);
                } catch (IOException e) {
                    failure = new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new AssertionError(fixture + ".wasm does not load in " + mode + ": " + failure, failure);
            }
            return program;
        }
    }

    /** One instance and the handles its results returned. */
    static final class Session {
        final Execution execution;
        final WitValueCheck.Handles handles = new WitValueCheck.Handles();
        final boolean withoutImports;

        Session(Execution execution, boolean withoutImports) {
            this.execution = execution;
            this.withoutImports = withoutImports;
        }
    }

    private DynamicContainer fixture(String fixture, EngineMode mode) {
        Loaded loaded = new Loaded(fixture, mode);
        List<Case> cases = cases(fixture);
        Case probe = probe(cases);
        Map<String, Session[]> sessions = new HashMap<>();
        List<DynamicNode> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest("#" + c.index() + (c.instance() == null ? "" : " [" + c.instance() + "]")
                    + " " + c.call(), () -> {
                Session s;
                if (c.instance() == null) {
                    s = new Session(instantiate(loaded.program(), c.withoutImports()), c.withoutImports());
                } else {
                    Session[] slot = sessions.computeIfAbsent(c.instance(), k -> new Session[1]);
                    if (slot[0] == null) {
                        slot[0] = new Session(instantiate(loaded.program(), c.withoutImports()), c.withoutImports());
                    }
                    s = slot[0];
                }
                run(loaded, c, s, probe);
            }));
        }
        return DynamicContainer.dynamicContainer(fixture + " [" + mode + "]", tests);
    }

    /** A case that returns normally on a fresh instance, to show that a trapped instance is poisoned. */
    private static Case probe(List<Case> cases) {
        for (Case c : cases) {
            if (c.instance() == null && !c.traps() && !c.withoutImports() && !TestJson.write(c.args()).contains("handle")) {
                return c;
            }
        }
        return null;
    }

    /** The host of the fixtures' imports (README "imports"): minimal's {@code test:minimal/host@0.1.0#add}. */
    static final HostImports STANDARD_HOST = (name, path, type) -> {
        if (name.equals("test:minimal/host@0.1.0") && path.equals(List.of("add"))) {
            return args -> (Integer) args.get(0) + (Integer) args.get(1); // wraps in s32
        }
        return null;
    };

    static Execution instantiate(Program program, boolean withoutImports) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ExecutionConfig config = new ExecutionConfig(WasiOptions.builder().stdout(sink).stderr(sink).build(), 0, Set.of());
        if (withoutImports) {
            return program.instantiate(config);
        }
        // no public API registers Java host implementations yet: the engine's own entry point takes them
        return ComponentExecution.start((ComponentProgram) program, config, STANDARD_HOST);
    }

    private static void run(Loaded loaded, Case c, Session s, Case probe) {
        String fn = c.function();
        String context = c.where() + " [" + loaded.mode + "] " + c.call();
        if (fn.contains("#[resource-drop]")) {
            dropHandle(context, c, s);
            return;
        }
        Program program = loaded.program();
        WitFunction sig;
        try {
            sig = program.signature(fn, null);
        } catch (WasmCallException e) {
            throw new AssertionError(context + ": no such export: " + e.getMessage(), e);
        }
        List<Object> args = new ArrayList<>();
        if (sig.params().size() != c.args().size()) {
            throw new AssertionError(context + ": the export takes " + sig.params().size() + " parameters (" + sig + ")");
        }
        for (int i = 0; i < c.args().size(); i++) {
            args.add(WitValueCheck.argument(sig.params().get(i).type(), c.args().get(i), s.handles));
        }
        if (c.traps()) {
            expectTrap(context, c, s, () -> s.execution.call(fn, null, args, false));
            if (probe != null) {
                expectPoisoned(context, probe, s, program);
            }
            return;
        }
        WitType resultType = sig.results().isEmpty() ? null : sig.results().get(0);
        Object want = resultType == null ? null : WitValueCheck.expected(resultType, c.json.get("result"));
        if (resultType == null && c.json.get("result") != null) {
            throw new AssertionError(context + ": the export has no result, the fixture expects " + c.json.get("result"));
        }
        Object got;
        try {
            got = s.execution.call(fn, null, args, false);
        } catch (WasmCallException e) {
            throw new AssertionError(context + ": expected " + WitValueCheck.describe(want) + ", but the call failed: "
                    + failure(e), e);
        }
        String d = resultType == null ? (got == null ? null : "expected no result, got " + WitValueCheck.describe(got))
                : WitValueCheck.diff(resultType, want, got, s.handles);
        if (d != null) {
            throw new AssertionError(context + ": " + d + "\n  expected: " + WitValueCheck.describe(want) + "\n  got:      "
                    + WitValueCheck.describe(got));
        }
    }

    /** The host drops an own handle it holds ({@code …#[resource-drop]counter}): the guest's destructor runs. */
    @SuppressWarnings("unchecked")
    private static void dropHandle(String context, Case c, Session s) {
        String name = (String) ((Map<String, Object>) c.args().get(0)).get("handle");
        ResourceHandle h = s.handles.get(name);
        try {
            ((ComponentExecution) s.execution).drop(h);
        } catch (WasmCallException e) {
            throw new AssertionError(context + ": the host cannot drop the own handle " + h + " it holds (the fixture's"
                    + " pseudo function " + c.function() + "): " + failure(e), e);
        }
    }

    private static void expectTrap(String context, Case c, Session s, Runnable call) {
        Object got;
        try {
            call.run();
            got = "returned normally";
        } catch (WasmCallException e) {
            String trap = (String) c.json.get("trap");
            boolean unresolved = trap.contains("unresolved host import");
            if (unresolved) {
                String quoted = trap.substring(trap.indexOf("unresolved host import"));
                if (!e.getMessage().contains(quoted)) {
                    throw new AssertionError(context + ": expected a trap with `" + quoted + "`, got " + failure(e), e);
                }
            }
            // an unresolved import's stub fails with LINK (its message says which import); everything else is a TRAP
            if (e.reason() != WasmCallException.Reason.TRAP
                    && !(unresolved && e.reason() == WasmCallException.Reason.LINK)) {
                throw new AssertionError(context + ": expected a trap (" + trap + "), got " + failure(e), e);
            }
            return;
        }
        throw new AssertionError(context + ": expected a trap (" + c.json.get("trap") + "), but the call " + got);
    }

    private static void expectPoisoned(String context, Case probe, Session s, Program program) {
        WitFunction sig = program.signature(probe.function(), null);
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < probe.args().size(); i++) {
            args.add(WitValueCheck.argument(sig.params().get(i).type(), probe.args().get(i), s.handles));
        }
        try {
            Object got = s.execution.call(probe.function(), null, args, false);
            throw new AssertionError(context + ": after the trap the instance must be poisoned (SPEC §6.2), but "
                    + probe.call() + " returned " + WitValueCheck.describe(got));
        } catch (WasmCallException expected) {
            // poisoned
        }
    }

    static String failure(WasmCallException e) {
        StringBuilder sb = new StringBuilder("WasmCallException(" + e.reason() + "): " + e.getMessage());
        if (!e.wasmStack().isEmpty()) {
            sb.append("\n  wasm stack:\n").append(e.wasmStack().indent(4));
        }
        if (e.getCause() != null) {
            StringWriter w = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(w));
            String[] lines = w.toString().split("\n");
            sb.append("\n  cause: ");
            for (int i = 0; i < Math.min(lines.length, 12); i++) {
                sb.append(lines[i]).append('\n');
            }
        }
        return sb.toString();
    }
}
