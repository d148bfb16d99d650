package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiOptions;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The compiled-code cache on disk never runs code that is not what this engine compiled from this
 * very module: planted code, swapped, truncated and corrupted entries, entries Chicory cannot load,
 * and directories or entries other users can write are all caught, on real modules.
 */
class CompiledCodeCacheTest {

    @TempDir
    Path tmp;

    private Path cache;
    private Path marker;
    private final List<String> debug = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        cache = tmp.resolve("cache");
        marker = tmp.resolve("planted-code-ran");
    }

    /** A fresh build: nothing shared in memory, a new engine on {@code dir}. */
    private WasmEngine build(Path dir) {
        WasmEngine.forgetSharedModules();
        return WasmEngine.create(EngineOptions.builder().mode(EngineMode.COMPILER).cacheDirectory(dir).build(),
                debug::add, warnings::add);
    }

    private static Object call(WasmEngine engine, String fixture, String method, List<Object> args) {
        Program p = engine.load(fixture + ".wasm", Fixtures.bytes(fixture));
        assertThat(((CoreProgram) p).runsCompiled()).as("%s runs compiled", fixture).isTrue();
        WasiOptions wasi = WasiOptions.builder().arguments(List.of(fixture))
                .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build();
        try (Execution e = p.instantiate(new ExecutionConfig(wasi, 0, Set.of()))) {
            return e.call(method, null, args, false);
        }
    }

    private static Object compute(WasmEngine engine) {
        return call(engine, "compute", "compute", List.of(6, 7));
    }

    private static Object numbers(WasmEngine engine) {
        return call(engine, "numbers", "mix", List.of(1, 2, 3, 4));
    }

    private static String digest(String fixture) {
        return Parser.parse(Fixtures.bytes(fixture)).digest();
    }

    private Path entryOf(String fixture) {
        return new CompiledCodeCache(cache, m -> { }, m -> { }).fileFor(digest(fixture));
    }

    /** Whether the file is a whole entry this engine wrote for {@code fixture}. */
    private static boolean verifies(Path entry, String fixture) throws IOException {
        try {
            CacheEntry.open(Files.readAllBytes(entry), digest(fixture), CompiledCodeCache.ENGINE_VERSION);
            return true;
        } catch (CacheEntry.Invalid e) {
            return false;
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static int currentUid() throws IOException {
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.delete(probe);
        }
    }

    // --- planted code -------------------------------------------------------------------------------

    /**
     * Compiled code in the engine's stored form, whose main class is a {@code Machine} that creates
     * {@link #marker} in its static initialiser (the engine initialises the main class when it loads
     * the code) and answers 666 to every call: if it ever runs, the marker says so.
     */
    private byte[] plantedCode() throws IOException {
        return code("planted.Machine", plantedClass());
    }

    /** The class file of that {@code Machine}. */
    private byte[] plantedClass() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("planted-src/planted")).resolve("Machine.java");
        Files.writeString(src, """
                package planted;
                public final class Machine implements com.dylibso.chicory.runtime.Machine {
                    static {
                        try {
                            java.nio.file.Files.createFile(java.nio.file.Path.of("%s"));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    public Machine(com.dylibso.chicory.runtime.Instance instance) {
                    }
                    @Override
                    public long[] call(int funcId, long[] args) {
                        return new long[] {666};
                    }
                }
                """.formatted(marker.toString().replace("\\", "\\\\")));
        Path classes = Files.createDirectories(tmp.resolve("planted-classes"));
        String classpath = String.join(java.io.File.pathSeparator,
                location(com.dylibso.chicory.runtime.Machine.class), location(com.dylibso.chicory.wasm.ChicoryException.class));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-classpath", classpath, "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(classes.resolve("planted/Machine.class"));
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiled code of one class in the engine's stored form, with no interpreted function. */
    private static byte[] code(String mainClass, byte[] classBytes) {
        return CompiledCode.of(mainClass, java.util.Map.of(mainClass, classBytes), new int[0]).encode();
    }

    /** The planted code inside a header that verifies: what a user able to write the directory can make. */
    private byte[] plantedEntry(String fixture) throws IOException {
        return CacheEntry.encode(digest(fixture), CompiledCodeCache.ENGINE_VERSION, plantedCode());
    }

    // --- the tests ----------------------------------------------------------------------------------

    @Test
    void codePlantedUnderAnEntrysNameNeverRunsAndIsReplacedByFreshCode() throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        Files.write(entry, plantedCode());

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(marker).as("planted code ran").doesNotExist();
        assertThat(second.diskCacheEvictions()).isEqualTo(1);
        assertThat(second.diskCacheStores()).isEqualTo(1);
        assertThat(verifies(entry, "compute")).as("entry rewritten").isTrue();
        assertThat(debug).anyMatch(m -> m.equals("compiled-code cache eviction: " + entry.getFileName()
                + ": not a compiled-code cache entry (no header)"));

        WasmEngine third = build(cache);
        assertThat(compute(third)).isEqualTo(42);
        assertThat(third.diskCacheHits()).isEqualTo(1);
        assertThat(third.diskCacheEvictions()).isZero();
    }

    /**
     * The documented limit: verification is not a signature. An entry with a valid header planted
     * by someone who can write the directory is loaded; that is why only the user may write it.
     */
    @Test
    void aValidEntryPlantedInATrustedDirectoryIsLoaded_theLimitTheDirectoryChecksExistFor() throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Files.write(entryOf("compute"), plantedEntry("compute"));
        assertThat(compute(build(cache))).isEqualTo(666);
        assertThat(marker).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwxrwxrwx"})
    void aCacheDirectoryOthersCanWriteIsNeitherReadNorWritten(String permissions) throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        byte[] planted = plantedEntry("compute");
        Files.write(entry, planted);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString(permissions));

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(marker).as("planted code ran").doesNotExist();
        assertThat(second.diskCacheHits()).isZero();
        assertThat(second.diskCacheStores()).isZero();
        assertThat(Files.readAllBytes(entry)).as("nothing written").isEqualTo(planted);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).containsExactly(entry);
        }
        assertThat(warnings).singleElement().asString()
                .startsWith("compiled-code cache " + cache + " is not used (modules are compiled in memory): ")
                .contains("is writable by group or others")
                .endsWith("; fix it with: chmod go-w " + cache.toRealPath());

        assertThat(numbers(build(cache))).isEqualTo(10.0);
        assertThat(warnings).as("warned once per directory").hasSize(1);
    }

    @Test
    void aWritableDirectoryAboveTheCacheIsRefusedUnlessItsStickyBitProtectsTheCache() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        WasmEngine refused = build(shared.resolve("cache"));
        assertThat(compute(refused)).isEqualTo(42);
        assertThat(refused.diskCacheStores()).isZero();
        assertThat(warnings).singleElement().asString()
                .contains(": the directory above it, " + shared.toRealPath() + " is writable by group or others (mode 0777)")
                .endsWith("fix it with: chmod go-w " + shared.toRealPath());

        Files.setAttribute(shared, "unix:mode", 01777); // like /tmp: others cannot rename what is not theirs
        WasmEngine used = build(shared.resolve("cache2"));
        assertThat(compute(used)).isEqualTo(42);
        assertThat(used.diskCacheStores()).isEqualTo(1);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aCacheDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
        assumeThat(currentUid()).as("only root can give a directory away").isZero();
        assertThat(compute(build(cache))).isEqualTo(42);
        Files.write(entryOf("compute"), plantedEntry("compute"));
        Files.setAttribute(cache, "unix:uid", 4242);

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(marker).as("planted code ran").doesNotExist();
        assertThat(second.diskCacheHits()).isZero();
        assertThat(warnings).singleElement().asString()
                .contains(cache.toRealPath() + " is owned by uid 4242, not by you (uid 0) or root")
                .endsWith("chown it to yourself or set another wippy.cacheDirectory");
    }

    @Test
    void anEntryOwnedBySomeoneElseIsEvictedUnread() throws Exception {
        assumeThat(currentUid()).as("only root can give a file away").isZero();
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        Files.write(entry, plantedEntry("compute"));
        Files.setAttribute(entry, "unix:uid", 4242);

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(marker).as("planted code ran").doesNotExist();
        assertThat(second.diskCacheEvictions()).isEqualTo(1);
        assertThat(debug).anyMatch(m -> m.startsWith("compiled-code cache eviction: " + entry.getFileName() + ": ")
                && m.endsWith(" is owned by uid 4242, not by you (uid 0) or root"));
        assertThat((Integer) Files.getAttribute(entry, "unix:uid")).as("rewritten by us").isZero();
        assertThat(verifies(entry, "compute")).isTrue();
    }

    @Test
    void anEntryOthersCanWriteOrASymlinkedEntryIsEvictedUnread() throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        Files.write(entry, plantedEntry("compute"));
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(second.diskCacheEvictions()).isEqualTo(1);
        assertThat(debug).anyMatch(m -> m.endsWith(": writable by group or others (mode 0666)"));
        assertThat(mode(entry)).isEqualTo("rw-------");

        Path elsewhere = Files.write(tmp.resolve("elsewhere.entry"), plantedEntry("compute"));
        Files.delete(entry);
        Files.createSymbolicLink(entry, elsewhere);
        WasmEngine third = build(cache);
        assertThat(compute(third)).isEqualTo(42);
        assertThat(third.diskCacheEvictions()).isEqualTo(1);
        assertThat(debug).anyMatch(m -> m.endsWith(": not a regular file"));
        assertThat(marker).as("planted code ran").doesNotExist();
        assertThat(Files.isSymbolicLink(entry)).isFalse();
        assertThat(elsewhere).as("the link's target is left alone").exists();
    }

    @Test
    void swappedEntriesOfTwoModulesAreDetectedAndBothModulesStillRun() throws Exception {
        WasmEngine first = build(cache);
        assertThat(compute(first)).isEqualTo(42);
        assertThat(numbers(first)).isEqualTo(10.0);
        Path a = entryOf("compute");
        Path b = entryOf("numbers");
        Path t = tmp.resolve("swap");
        Files.move(a, t);
        Files.move(b, a);
        Files.move(t, b);

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(numbers(second)).isEqualTo(10.0);
        assertThat(second.diskCacheEvictions()).isEqualTo(2);
        assertThat(debug).filteredOn(m -> m.contains(": compiled from another module (sha-256:")).hasSize(2);

        WasmEngine third = build(cache);
        assertThat(compute(third)).isEqualTo(42);
        assertThat(numbers(third)).isEqualTo(10.0);
        assertThat(third.diskCacheHits()).isEqualTo(2);
        assertThat(third.diskCacheEvictions()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "flipped", "empty", "other-engine"})
    void aDamagedEntryIsEvictedAndRecompiled(String damage) throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        byte[] bytes = Files.readAllBytes(entry);
        byte[] damaged = switch (damage) {
            case "truncated" -> java.util.Arrays.copyOf(bytes, bytes.length / 2);
            case "flipped" -> {
                byte[] copy = bytes.clone();
                copy[copy.length - 100] ^= 0x40; // inside the content, not the header
                yield copy;
            }
            case "empty" -> new byte[0];
            default -> new String(bytes, StandardCharsets.ISO_8859_1)
                    .replace(CompiledCodeCache.ENGINE_VERSION, "chicory-0.9+wippy-2")
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
        Files.write(entry, damaged);

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(second.diskCacheEvictions()).isEqualTo(1);
        assertThat(second.diskCacheStores()).isEqualTo(1);
        assertThat(verifies(entry, "compute")).as("entry rewritten").isTrue();
        String reason = switch (damage) {
            case "truncated" -> " (truncated?)";
            case "flipped" -> ": content does not match its SHA-256 (corrupted)";
            case "empty" -> ": not a compiled-code cache entry (no header)";
            default -> ": written by engine chicory-0.9+wippy-2, this is " + CompiledCodeCache.ENGINE_VERSION;
        };
        assertThat(debug).anyMatch(m -> m.startsWith("compiled-code cache eviction: " + entry.getFileName())
                && m.endsWith(reason));
    }

    /**
     * An entry that verifies but whose main class the JVM refuses ({@code VerifyError}, as a JVM or
     * Chicory mismatch would give; or a name in a {@code java.} package, which it will not define):
     * evicted and compiled again, and the module still runs compiled, this build and the next; it
     * never silently drops to the interpreter.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "broken.Machine, java.lang.VerifyError",
        "java.wippy.Machine, java.lang.LinkageError: compiled code without a usable main class java.wippy.Machine:"
                + " java.lang.SecurityException"})
    void anEntryTheJvmRefusesIsEvictedAndRecompiledNotInterpreted(String mainClass, String refusal) throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        Files.write(entry, CacheEntry.encode(digest("compute"), CompiledCodeCache.ENGINE_VERSION,
                code(mainClass, unverifiableClass(mainClass.replace('.', '/')))));

        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42); // call() asserts that it runs compiled
        assertThat(second.diskCacheEvictions()).isEqualTo(1);
        assertThat(second.diskCacheStores()).isEqualTo(1);
        assertThat(debug).anyMatch(m -> m.startsWith("compiled-code cache eviction: " + entry.getFileName()
                + ": the JVM refused its code: " + refusal));
        assertThat(verifies(entry, "compute")).isTrue();
        assertThat(warnings).isEmpty();

        WasmEngine third = build(cache);
        assertThat(compute(third)).isEqualTo(42);
        assertThat(third.diskCacheHits()).isEqualTo(1);
    }

    // --- modules whose code is cached: parsed without their compiled bodies, not validated again ---

    /**
     * Loading a module whose compiled code is cached parses it without the bodies of its compiled
     * functions and without Chicory's validator (most of the cost of loading a large module): the
     * results are the same, and a damaged entry gets the module parsed whole and validated before
     * anything is compiled from it.
     */
    @Test
    void aModuleWhoseCompiledCodeIsCachedIsParsedWithoutItsCompiledBodiesAndAMissParsesItWhole() throws Exception {
        WasmEngine first = build(cache);
        Program p1 = first.load("compute.wasm", Fixtures.bytes("compute"));
        assertThat(((CoreProgram) p1).bodiesStubbed()).as("nothing cached yet").isFalse();
        assertThat(compute(first)).isEqualTo(42);
        assertThat(WasmEngine.chicoryDigest(WasmEngine.sha256(Fixtures.bytes("compute"))))
                .isEqualTo(digest("compute"));

        WasmEngine second = build(cache);
        Program p2 = second.load("compute.wasm", Fixtures.bytes("compute"));
        assertThat(((CoreProgram) p2).bodiesStubbed()).isTrue();
        assertThat(compute(second)).isEqualTo(42);
        assertThat(second.diskCacheHits()).isEqualTo(1);
        assertThat(debug).anyMatch(m -> m.endsWith("; compute.wasm parsed without the bodies of its compiled functions"));

        Path entry = entryOf("compute");
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 100] ^= 0x40;
        Files.write(entry, bytes);
        WasmEngine third = build(cache);
        Program p3 = third.load("compute.wasm", Fixtures.bytes("compute"));
        assertThat(((CoreProgram) p3).bodiesStubbed()).as("parsed whole before compiling again").isFalse();
        assertThat(compute(third)).isEqualTo(42);
        assertThat(third.diskCacheEvictions()).isEqualTo(1);
    }

    /**
     * A function too large for a JVM method runs in Chicory's interpreter inside compiled code: its
     * body is the one that is parsed when the code comes from the cache. The module imports a
     * function first, so defined and absolute function indices differ (a mix-up would leave the
     * large function a stub, and its call would trap).
     */
    @Test
    void theBodiesOfInterpretedFunctionsAreParsedForCachedCodeAndRun() throws Exception {
        byte[] module = moduleWithAnImportAndAFunctionTooLargeToCompile();
        WasmEngine first = build(cache);
        assertThat(callLarge(first, module)).containsExactly(60_000L, 7L);
        byte[] entry = Files.readAllBytes(new CompiledCodeCache(cache, m -> { }, m -> { })
                .fileFor(Parser.parse(module).digest()));
        String digest = Parser.parse(module).digest();
        CompiledCode code = CompiledCode.decode(CacheEntry.open(entry, digest, CompiledCodeCache.ENGINE_VERSION));
        assertThat(code.interpretedFunctions()).as("defined function 0 (function 1)").containsExactly(0);

        WasmEngine second = build(cache);
        assertThat(callLarge(second, module)).containsExactly(60_000L, 7L);
        assertThat(second.diskCacheHits()).isEqualTo(1);
        assertThat(((CoreProgram) second.load("large.wasm", module)).bodiesStubbed()).isTrue();
    }

    /** {@code large()} and {@code small()} of the module, on a fresh instance each. */
    private static List<Long> callLarge(WasmEngine engine, byte[] module) {
        CoreProgram p = (CoreProgram) engine.load("large.wasm", module);
        assertThat(p.runsCompiled()).isTrue();
        List<Long> results = new ArrayList<>();
        for (String f : List.of("large", "small")) {
            try (Execution e = p.instantiate(new ExecutionConfig(WasiOptions.builder().stdout(OutputStream.nullOutputStream())
                    .stderr(OutputStream.nullOutputStream()).build(), 0, Set.of()))) {
                results.add(((Number) e.call(f, null, List.of(), false)).longValue());
            }
        }
        return results;
    }

    /**
     * {@code (import "env" "f" (func))}, {@code large: () -> i32} adding 1 sixty thousand times
     * (too large for one JVM method), {@code small: () -> i32} returning 7.
     */
    private static byte[] moduleWithAnImportAndAFunctionTooLargeToCompile() {
        ByteArrayOutputStream large = new ByteArrayOutputStream();
        large.writeBytes(new byte[] {0x00, 0x41, 0x00}); // no locals; i32.const 0
        for (int i = 0; i < 60_000; i++) {
            large.writeBytes(new byte[] {0x41, 0x01, 0x6A}); // i32.const 1; i32.add
        }
        large.write(0x0B);
        byte[] small = {0x00, 0x41, 0x07, 0x0B};
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        m.writeBytes(new byte[] {0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7F}); // types: [] -> [], [] -> i32
        m.writeBytes(new byte[] {0x02, 0x09, 0x01, 0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x00}); // import env.f: type 0
        m.writeBytes(new byte[] {0x03, 0x03, 0x02, 0x01, 0x01}); // functions 1, 2: type 1
        m.writeBytes(new byte[] {0x07, 0x11, 0x02, 0x05, 'l', 'a', 'r', 'g', 'e', 0x00, 0x01,
            0x05, 's', 'm', 'a', 'l', 'l', 0x00, 0x02});
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0x02);
        ai.wippy.runtime.wasm.Leb128.writeUnsigned(code, large.size());
        code.writeBytes(large.toByteArray());
        ai.wippy.runtime.wasm.Leb128.writeUnsigned(code, small.length);
        code.writeBytes(small);
        m.write(0x0A);
        ai.wippy.runtime.wasm.Leb128.writeUnsigned(m, code.size());
        m.writeBytes(code.toByteArray());
        return m.toByteArray();
    }

    /**
     * An engine in interpreter mode that shares a module another engine loaded from cached code
     * (with stubbed bodies) runs the whole module, parsed on first use.
     */
    @Test
    void anInterpreterSharingAModuleLoadedFromCachedCodeRunsItWhole() throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        WasmEngine compiled = build(cache);
        assertThat(((CoreProgram) compiled.load("compute.wasm", Fixtures.bytes("compute"))).bodiesStubbed()).isTrue();
        WasmEngine interpreter = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER)
                .cacheDirectory(cache).build(), debug::add, warnings::add); // no forgetting: the module is shared
        CoreProgram p = (CoreProgram) interpreter.load("compute.wasm", Fixtures.bytes("compute"));
        assertThat(p.runsCompiled()).isFalse();
        assertThat(p.bodiesStubbed()).as("the shared module").isTrue();
        try (Execution e = p.instantiate(new ExecutionConfig(WasiOptions.builder()
                .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build(), 0, Set.of()))) {
            assertThat(e.call("compute", null, List.of(6, 7), false)).isEqualTo(42);
        }
    }

    /**
     * A module with SIMD ({@code v128.const} then {@code drop}, where Chicory's validator writes a
     * type hint into the {@code drop}) gets its hints even from cached code: its one function is
     * interpreted (Chicory 1.7.5 compiles no SIMD, so this is an entry a user able to write the
     * directory planted), and is parsed validated.
     */
    @Test
    void aModuleWhoseInstructionsNeedValidatorHintsIsValidatedEvenWhenCached() throws Exception {
        byte[] simd = simdModule();
        String simdDigest = Parser.parse(simd).digest();
        assertThat(compute(build(cache))).isEqualTo(42); // the engine creates the directory
        Path entry = new CompiledCodeCache(cache, m -> { }, m -> { }).fileFor(simdDigest);
        Files.write(entry, CacheEntry.encode(simdDigest, CompiledCodeCache.ENGINE_VERSION,
                CompiledCode.of("planted.Machine", java.util.Map.of("planted.Machine", plantedClass()),
                        new int[] {0}).encode()));

        WasmEngine engine = build(cache);
        CoreProgram p = (CoreProgram) engine.load("simd.wasm", simd);
        assertThat(p.bodiesStubbed()).isTrue();
        List<String> validated = operands(Parser.parse(simd));
        List<String> unvalidated = operands(Parser.builder().withValidation(false).build()
                .parse(() -> new java.io.ByteArrayInputStream(simd)));
        assertThat(validated).as("the validator writes a hint").isNotEqualTo(unvalidated);
        assertThat(operands(p.moduleForInstances())).isEqualTo(validated);
        assertThat(ValidatorHints.needed(Parser.parse(Fixtures.bytes("compute")))).isFalse();
    }

    /** The opcode and operands of every instruction of defined function 0. */
    private static List<String> operands(com.dylibso.chicory.wasm.WasmModule m) {
        List<String> out = new ArrayList<>();
        for (var ins : m.codeSection().getFunctionBody(0).instructions()) {
            out.add(ins.opcode() + java.util.Arrays.toString(ins.operands()));
        }
        return out;
    }

    /**
     * The validator has the last word over code the JVM refuses: an invalid module (a function that
     * returns nothing where its type says i32) under which someone able to write the cache planted
     * an entry: the entry's code fails to load, is evicted, and the module is then parsed whole,
     * validated and refused before anything is compiled or run.
     */
    @Test
    void anInvalidModuleWithAPlantedEntryIsRefusedOnceItsEntryFails() throws Exception {
        byte[] bad = moduleReturningI32(new byte[] {0x00, 0x0B}); // no locals, end: no i32 on the stack
        assertThatInvalid(() -> build(cache).load("bad.wasm", bad), "before anything is cached");
        String digest = Parser.builder().withValidation(false).build()
                .parse(() -> new java.io.ByteArrayInputStream(bad)).digest();
        assertThat(compute(build(cache))).isEqualTo(42); // the engine creates the directory
        Files.write(new CompiledCodeCache(cache, m -> { }, m -> { }).fileFor(digest), CacheEntry.encode(digest,
                CompiledCodeCache.ENGINE_VERSION, code("broken.Machine", unverifiableClass("broken/Machine"))));
        debug.clear();
        assertThatInvalid(() -> build(cache).load("bad.wasm", bad), "with a planted entry");
        assertThat(debug).anyMatch(m -> m.contains(": the JVM refused its code: java.lang.VerifyError"));
    }

    /** Content that verifies but is not compiled code in this engine's form is evicted, and the module compiled. */
    @Test
    void anEntryWhoseContentIsNotCompiledCodeIsEvicted() throws Exception {
        assertThat(compute(build(cache))).isEqualTo(42);
        Path entry = entryOf("compute");
        Files.write(entry, CacheEntry.encode(digest("compute"), CompiledCodeCache.ENGINE_VERSION,
                "PK\u0003\u0004 a jar, say".getBytes(StandardCharsets.ISO_8859_1)));
        WasmEngine second = build(cache);
        assertThat(compute(second)).isEqualTo(42);
        assertThat(debug).anyMatch(m -> m.equals("compiled-code cache eviction: " + entry.getFileName()
                + ": not compiled code of this engine (unknown format)"));
        assertThat(verifies(entry, "compute")).isTrue();
    }

    private static void assertThatInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable load, String when) {
        org.assertj.core.api.Assertions.assertThatThrownBy(load).as(when)
                .isInstanceOf(ai.wippy.runtime.WippyException.class)
                .hasMessageStartingWith("invalid WebAssembly module bad.wasm: ");
    }

    /** {@code (func (export "seven") (result i32) v128.const i32x4 1 2 3 4 drop i32.const 7)}. */
    private static byte[] simdModule() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x00); // no locals
        body.write(0xFD);
        body.write(0x0C); // v128.const
        for (int lane = 1; lane <= 4; lane++) {
            body.writeBytes(new byte[] {(byte) lane, 0, 0, 0});
        }
        body.writeBytes(new byte[] {0x1A, 0x41, 0x07, 0x0B}); // drop, i32.const 7, end
        return moduleReturningI32(body.toByteArray());
    }

    /** One function {@code seven: () -> i32}, exported, with the given body (locals and instructions). */
    private static byte[] moduleReturningI32(byte[] code) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        m.writeBytes(new byte[] {0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F}); // type: () -> i32
        m.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // function 0: type 0
        m.writeBytes(new byte[] {0x07, 0x09, 0x01, 0x05, 's', 'e', 'v', 'e', 'n', 0x00, 0x00}); // export
        m.writeBytes(new byte[] {0x0A, (byte) (code.length + 2), 0x01, (byte) code.length});
        m.writeBytes(code);
        return m.toByteArray();
    }

    /** A well-formed class file whose static initialiser the verifier rejects (it returns an int from a void method). */
    private static byte[] unverifiableClass(String internalName) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(1, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void aCacheDirectoryTheEngineCreatesIsOwnerOnly() throws Exception {
        Path deep = tmp.resolve("a/b/cache");
        WasmEngine engine = build(deep);
        assertThat(compute(engine)).isEqualTo(42);
        assertThat(engine.diskCacheStores()).isEqualTo(1);
        for (Path p : List.of(tmp.resolve("a"), tmp.resolve("a/b"), deep)) {
            assertThat(mode(p)).as("%s", p).isEqualTo("rwx------");
        }
        try (Stream<Path> files = Files.list(deep)) {
            Path entry = files.findFirst().orElseThrow();
            assertThat(entry.getFileName().toString()).endsWith(".entry");
            assertThat(mode(entry)).isEqualTo("rw-------");
        }
        assertThat(debug).contains("compiled-code cache: created " + deep + " (mode 0700)");
        assertThat(warnings).isEmpty();
    }

    @Test
    void temporaryFilesAKilledBuildLeftBehindAreRemovedOnceOld() throws Exception {
        Files.createDirectories(cache);
        Path abandoned = Files.writeString(cache.resolve("compiling-123.tmp"), "half an entry");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2L * 24 * 60 * 60 * 1000));
        Path fresh = Files.writeString(cache.resolve("compiling-456.tmp"), "being written by another build");
        assertThat(compute(build(cache))).isEqualTo(42);
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void missesStoresAndHitsAreLoggedAtDebugLevel() {
        String key = digest("compute");
        String file = entryOf("compute").getFileName().toString();
        assertThat(compute(build(cache))).isEqualTo(42);
        assertThat(debug).contains("compiled-code cache miss: " + key + " (" + file + ")");
        assertThat(debug).anyMatch(m -> m.startsWith("compiled-code cache store: " + key + " (" + file + ", "));
        assertThat(debug).anyMatch(m -> m.matches("compiled code of WASM module [0-9a-f]{12}: compiled it \\(not in the"
                + " compiled-code cache .*; stored there for the next build\\) in \\d+ ms"));
        debug.clear();
        assertThat(compute(build(cache))).isEqualTo(42);
        assertThat(debug).anyMatch(m -> m.startsWith("compiled-code cache hit: " + key + " (" + file + ", "));
        assertThat(debug).anyMatch(m -> m.matches("compiled code of WASM module [0-9a-f]{12}: loaded it from the"
                + " compiled-code cache " + java.util.regex.Pattern.quote(cache.toString()) + " in \\d+ ms;"
                + " compute.wasm parsed without the bodies of its compiled functions"));
        assertThat(debug).noneMatch(m -> m.contains("store") || m.contains("miss"));
    }

    /**
     * Builds sharing a directory: writers replacing an entry while readers read it. Every read is a
     * whole entry one writer wrote (a half-written one would fail its digest and be evicted).
     */
    @Test
    void concurrentWritersAndReadersNeverSeeAHalfWrittenEntry() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 4; i++) {
            byte[] p = new byte[2 << 20];
            random.nextBytes(p);
            payloads.add(p);
        }
        String key = "sha-256:concurrency-test";
        CompiledCodeCache setup = new CompiledCodeCache(cache, m -> { }, m -> { });
        setup.putIfAbsent(key, payloads.get(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompiledCodeCache> readers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            CompiledCodeCache writer = new CompiledCodeCache(cache, m -> { }, m -> { });
            int offset = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 30; i++) {
                    writer.putIfAbsent(key, payloads.get((i + offset) % payloads.size()));
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            CompiledCodeCache reader = new CompiledCodeCache(cache, m -> { }, m -> { });
            readers.add(reader);
            threads.add(new Thread(() -> {
                while (writing.get()) {
                    byte[] got = reader.get(key);
                    reads.incrementAndGet();
                    if (got == null || payloads.stream().noneMatch(p -> java.util.Arrays.equals(p, got))) {
                        failures.add(new AssertionError("read " + (got == null ? "nothing" : got.length + " unknown bytes")));
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        threads.get(0).join();
        threads.get(1).join();
        writing.set(false);
        threads.get(2).join();
        threads.get(3).join();

        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(readers).allSatisfy(r -> assertThat(r.evictions()).isZero());
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).as("no temporary file left").containsExactly(setup.fileFor(key));
        }
    }
}
