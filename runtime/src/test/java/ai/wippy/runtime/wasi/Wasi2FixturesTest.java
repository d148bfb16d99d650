package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.TestJson;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WASI command fixtures of {@code fixtures/wasi2} (see its README.md): C programs built twice, as
 * WASI preview 1 core modules ({@code wasm/p1}) and, through jco's preview1 command adapter, as WASI 0.2
 * command components ({@code wasm/p2}). {@code expected/<program>.json} holds, per case, the inputs
 * (argv, env, cwd, stdin, mounts and the layout of their host directories) and per variant the outcome
 * recorded from an independent implementation: node:wasi for p1, {@code jco run} for p2, where a tool
 * deviates from the specification corrected to the specification's outcome (the tool's own is in a
 * {@code node} / {@code jco} field, ignored here). Each case runs in a fresh temporary directory built
 * from its layout; stdout, stderr (not for a trap: each runtime words it its own way), the exit status
 * and the directory tree afterwards must equal the recorded ones byte for byte.
 *
 * <p>{@link #preview1OnThisRuntime()} runs the p1 modules on this runtime's WASI preview 1 host.
 * {@link #preview2OnThisRuntime()} runs the p2 components' {@code wasi:cli/run@0.2.3#run} with the same
 * inputs through the component path, on the WASI 0.2 host (wasip2). {@code -Dwippy.wasi2.modes=INTERPRETER,COMPILER}
 * picks the engine modes (default INTERPRETER), {@code -Dwippy.wasi2.programs=files,dirs} the programs.
 */
class Wasi2FixturesTest {

    static final Path DIR = Fixtures.dir().getParent().resolve("wasi2");

    /** The export a WASI 0.2 command runs (jco 1.16.1's adapter exports it at 0.2.3). */
    static final String RUN = "wasi:cli/run@0.2.3#run";

    /** The import profiles (SPEC §4) a WASI 0.2 command built with the preview1 adapter needs. */
    static final Set<String> P2_PROFILES = Set.of("wasi:io", "wasi:poll", "wasi:clocks", "wasi:cli", "wasi:filesystem",
            "wasi:random");

    /** Programs and streams up to these sizes are recorded as text (as in oracle.mjs), larger ones by hash. */
    static final int TEXT_LIMIT = 4096;
    static final int STREAM_LIMIT = 65536;

    static final long TIMEOUT_SECONDS = 120;

    private static final List<EngineMode> MODES = Stream.of(System.getProperty("wippy.wasi2.modes", "INTERPRETER")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(EngineMode::valueOf).toList();

    private static final Set<String> ONLY = System.getProperty("wippy.wasi2.programs", "").isBlank() ? Set.of()
            : Set.of(System.getProperty("wippy.wasi2.programs").split(","));

    private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();

    /**
     * Cases ({@code program/case/variant}) where this runtime is known to differ from the recorded outcome,
     * with why. Such a case still runs: while it differs it is skipped with the reason (and the first
     * difference); once it matches it fails, so that the entry is removed here.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "files/badfd/p1", "fd_read on a directory: this host answers EISDIR (POSIX read()), node:wasi and the"
                    + " preview1 adapter (wasmtime's preview 1 semantics) EBADF");

    @TempDir
    Path work;

    // ------------------------------------------------------------------ the tests

    @TestFactory
    Stream<DynamicNode> preview1OnThisRuntime() {
        return tests("p1");
    }

    @TestFactory
    Stream<DynamicNode> preview2OnThisRuntime() {
        return tests("p2");
    }

    /**
     * A command's console streams that are ttys are terminals to the guest: {@code get-terminal-*}
     * give a terminal resource for exactly those (here stdout and stderr, stdin a pipe), and the
     * preview1 adapter then reports a character device, so {@code isatty} agrees.
     */
    @Test
    void consoleStreamsThatAreTtysAreTerminals() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiOptions wasi = WasiOptions.builder().arguments(List.of("p2direct.wasm", "terminals"))
                .stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(new ByteArrayOutputStream())
                .terminals(Set.of(1, 2)).build();
        Program program = load("p2", "p2direct", EngineMode.INTERPRETER);
        RunResult r = withTimeout(() -> runCommandComponent(program, wasi));
        assertThat(r.exitCode()).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("""
                get-terminal-stdin: none
                get-terminal-stdout: some
                get-terminal-stderr: some
                isatty(0..2) through the adapter: 0 1 1
                """);
    }

    /** The committed binaries are the ones {@code wasm/SHA256SUMS} lists, and every expected case has its binary. */
    @Test
    void fixturesAreTheRecordedBuild() throws IOException {
        List<String> sums = Files.readAllLines(DIR.resolve("wasm/SHA256SUMS"));
        assertThat(sums).hasSizeGreaterThanOrEqualTo(19);
        for (String line : sums) {
            String[] parts = line.split(" +", 2);
            Path wasm = DIR.resolve("wasm").resolve(parts[1]);
            assertThat(sha256(Files.readAllBytes(wasm))).as("sha256 of %s", wasm).isEqualTo(parts[0]);
        }
        int cases = 0;
        for (Case c : cases()) {
            for (String variant : List.of("p1", "p2")) {
                if (c.json().containsKey(variant)) {
                    assertThat(binary(variant, c.program())).as("%s of %s", variant, c.where()).isRegularFile();
                    assertThat(sums).as("SHA256SUMS").anyMatch(l -> l.endsWith(" " + variant + "/" + c.program() + ".wasm"));
                }
            }
            cases++;
        }
        assertThat(cases).isGreaterThanOrEqualTo(70);
    }

    private Stream<DynamicNode> tests(String variant) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (EngineMode mode : MODES) {
            Map<String, List<DynamicNode>> byProgram = new LinkedHashMap<>();
            for (Case c : cases()) {
                if (!c.json().containsKey(variant) || !ONLY.isEmpty() && !ONLY.contains(c.program())) {
                    continue;
                }
                byProgram.computeIfAbsent(c.program(), k -> new ArrayList<>()).add(DynamicTest.dynamicTest(
                        c.name(), () -> check(c, variant, mode)));
            }
            byProgram.forEach((program, tests) -> nodes.add(DynamicContainer.dynamicContainer(
                    program + " [" + variant + ", " + mode + "]", tests)));
        }
        return nodes.stream();
    }

    // ------------------------------------------------------------------ the expected files

    /** One entry of {@code expected/<program>.json}. */
    record Case(String program, int index, Map<String, Object> json) {
        String name() {
            return (String) json.get("case");
        }

        String where() {
            return "expected/" + program + ".json entry " + index + " (" + name() + ")";
        }

        @SuppressWarnings("unchecked")
        List<String> argv() {
            return (List<String>) json.get("argv");
        }

        @SuppressWarnings("unchecked")
        List<Map.Entry<String, String>> env() {
            List<Map.Entry<String, String>> env = new ArrayList<>();
            for (Object pair : (List<Object>) json.get("env")) {
                List<String> kv = (List<String>) pair;
                env.add(Map.entry(kv.get(0), kv.get(1)));
            }
            return env;
        }

        String cwd() {
            return (String) json.get("cwd");
        }

        byte[] stdin() {
            return bytesOf(json.get("stdin"));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mounts() {
            return (List<Map<String, Object>>) json.get("mounts");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> layout() {
            return (Map<String, Object>) json.get("layout");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> expected(String variant) {
            return (Map<String, Object>) json.get(variant);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases() {
        try (Stream<Path> files = Files.list(DIR.resolve("expected"))) {
            List<Case> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String program = p.getFileName().toString().replaceFirst("\\.json$", "");
                List<Object> entries = (List<Object>) TestJson.parse(Files.readString(p, StandardCharsets.UTF_8));
                for (int i = 0; i < entries.size(); i++) {
                    out.add(new Case(program, i, (Map<String, Object>) entries.get(i)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string's UTF-8 bytes, or {@code {pattern, bytes}}: the pattern repeated to that many bytes. */
    @SuppressWarnings("unchecked")
    static byte[] bytesOf(Object spec) {
        if (spec instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> m = (Map<String, Object>) spec;
        byte[] pattern = ((String) m.get("pattern")).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[((Number) m.get("bytes")).intValue()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }

    static Path binary(String variant, String program) {
        return DIR.resolve("wasm").resolve(variant).resolve(program + ".wasm");
    }

    // ------------------------------------------------------------------ running a case

    /** What one run did. */
    record Outcome(int exitCode, boolean trapped, byte[] stdout, byte[] stderr, Map<String, Object> tree) {
    }

    private void check(Case c, String variant, EngineMode mode) throws Exception {
        Path root = Files.createDirectory(work.resolve(variant + "-" + mode + "-" + c.program() + "-" + c.name()));
        List<WasiMount> mounts = new ArrayList<>();
        for (Map<String, Object> m : c.mounts()) {
            Path host = Files.createDirectories(root.resolve((String) m.get("host")));
            mounts.add(new WasiMount((String) m.get("guest"), host, Boolean.TRUE.equals(m.get("read_only"))));
        }
        makeLayout(root, c.layout());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiOptions wasi = WasiOptions.builder().arguments(c.argv()).environment(c.env()).cwd(c.cwd()).mounts(mounts)
                .stdin(new ByteArrayInputStream(c.stdin())).stdout(out).stderr(err).build();
        Program program = PROGRAMS.computeIfAbsent(variant + "/" + c.program() + "/" + mode, k -> load(variant, c.program(), mode));
        RunResult r = withTimeout(() -> variant.equals("p1") ? runCommandModule(program, wasi) : runCommandComponent(program, wasi));
        Outcome actual = new Outcome(r.exitCode(), r.trapped(), out.toByteArray(), err.toByteArray(), tree(root));
        String known = KNOWN_DIFFERENCES.get(c.program() + "/" + c.name() + "/" + variant);
        if (known == null) {
            compare(c, variant, actual, r.message());
            return;
        }
        try {
            compare(c, variant, actual, r.message());
        } catch (AssertionError e) {
            String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
            Assumptions.abort("known difference: " + known + " (" + first + ")");
        }
        throw new AssertionError(c.where() + " [" + variant + "] matches now: remove it from KNOWN_DIFFERENCES");
    }

    record RunResult(int exitCode, boolean trapped, String message) {
    }

    private static Program load(String variant, String program, EngineMode mode) {
        Path wasm = binary(variant, program);
        try {
            return WasmEngine.create(EngineOptions.builder().mode(mode).build()).load(wasm.getFileName().toString(),
                    Files.readAllBytes(wasm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WASI preview 1 command: {@code _start} on the runtime's preview 1 host. */
    private static RunResult runCommandModule(Program program, WasiOptions wasi) {
        try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
            e.call("_start", null, List.of(), true);
            return new RunResult(0, false, null);
        } catch (WasmCallException x) {
            return outcomeOf(x);
        }
    }

    /**
     * A WASI 0.2 command component: {@code wasi:cli/run@0.2.3#run} with the same WASI set-up (arguments,
     * environment, cwd for {@code initial-cwd}, mounts as {@code wasi:filesystem/preopens}, stdio) and
     * the WASI 0.2 profiles granted. {@code run} returning {@code ok} is status 0 and {@code err} 1;
     * {@code wasi:cli/exit.exit(err)} is status 1, {@code exit-with-code(n)} status n (SPEC §6).
     */
    private static RunResult runCommandComponent(Program program, WasiOptions wasi) {
        try (Execution e = program.instantiate(new ExecutionConfig(wasi, 0, P2_PROFILES))) {
            WitFunction run = program.signature(RUN, null);
            Object result = e.invoke(run, List.of());
            return new RunResult(result instanceof WitResult w && w.isOk() ? 0 : 1, false, null);
        } catch (WasmCallException x) {
            return outcomeOf(x);
        }
    }

    private static RunResult outcomeOf(WasmCallException x) {
        if (x.reason() == WasmCallException.Reason.EXIT) {
            return new RunResult(x.exitCode(), false, null);
        }
        if (x.reason() == WasmCallException.Reason.TRAP) {
            return new RunResult(1, true, x.getMessage());
        }
        throw new AssertionError("the run failed with " + x.reason() + ": " + x.getMessage(), x);
    }

    private static <T> T withTimeout(java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<T> f = pool.submit(task);
            try {
                return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new AssertionError("the guest did not finish within " + TIMEOUT_SECONDS + " s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new AssertionError(e.getCause());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(Case c, String variant, Outcome actual, String trapMessage) {
        Map<String, Object> want = c.expected(variant);
        String what = c.where() + " [" + variant + "]";
        boolean trap = Boolean.TRUE.equals(want.get("trap"));
        assertThat(actual.trapped()).as("%s: trapped (%s)", what, trapMessage).isEqualTo(trap);
        assertThat(actual.exitCode()).as("%s: exit status; stderr: %s", what, text(actual.stderr()))
                .isEqualTo(((Number) want.get("exit_code")).intValue());
        assertThat(streamForm(actual.stdout())).as("%s: stdout", what).isEqualTo(want.get("stdout"));
        if (trap) {
            // what the guest wrote before the trap; the rest is the runtime's own (not compared)
            String prefix = (String) ((Map<String, Object>) want.get("stderr")).get("starts_with");
            assertThat(new String(actual.stderr(), StandardCharsets.UTF_8)).as("%s: stderr", what).startsWith(prefix);
        } else {
            assertThat(streamForm(actual.stderr())).as("%s: stderr", what).isEqualTo(want.get("stderr"));
        }
        assertThat(actual.tree()).as("%s: the directory tree after the run", what)
                .isEqualTo(new TreeMap<>((Map<String, Object>) want.get("tree")));
    }

    // ------------------------------------------------------------------ layouts and trees

    @SuppressWarnings("unchecked")
    private static void makeLayout(Path root, Map<String, Object> layout) throws IOException {
        for (Map.Entry<String, Object> e : layout.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            if (e.getValue() instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("dir"))) {
                Files.createDirectories(p);
            } else if (e.getValue() instanceof Map<?, ?> m && m.containsKey("symlink")) {
                Files.createSymbolicLink(p, Path.of((String) m.get("symlink")));
            } else {
                Files.write(p, bytesOf(e.getValue()));
            }
        }
    }

    /** Every path under root (relative, with {@code /}), in the form oracle.mjs records. */
    static Map<String, Object> tree(Path root) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                Map<String, Object> entry = new LinkedHashMap<>();
                if (Files.isSymbolicLink(p)) {
                    entry.put("type", "symlink");
                    entry.put("target", Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entry.put("type", "directory");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] b = Files.readAllBytes(p);
                    String text = b.length <= TEXT_LIMIT ? utf8(b) : null;
                    entry.put("type", "file");
                    entry.put("size", b.length);
                    if (text != null) {
                        entry.put("text", text);
                    } else {
                        entry.put("sha256", sha256(b));
                    }
                } else {
                    entry.put("type", "other");
                }
                out.put(rel, entry);
            }
        }
        return out;
    }

    /** A stream as oracle.mjs records it: the text, or {@code {bytes, sha256}} when large or not UTF-8. */
    static Object streamForm(byte[] b) {
        String text = b.length <= STREAM_LIMIT ? utf8(b) : null;
        if (text != null) {
            return text;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", b.length);
        m.put("sha256", sha256(b));
        return m;
    }

    /** Strict UTF-8 (a BOM is kept as U+FEFF), or null. */
    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String text(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
