package ai.wippy.runtime.engine;

import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EngineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExecutionConfig config(long memoryBytes, String... argv) {
        WasiOptions wasi = WasiOptions.builder().arguments(List.of(argv)).stdout(out).stderr(err).build();
        return new ExecutionConfig(wasi, memoryBytes, Set.of());
    }

    private static Program load(EngineMode mode, String fixture) {
        return WasmEngine.create(EngineOptions.builder().mode(mode).build()).load(fixture + ".wasm", Fixtures.bytes(fixture));
    }

    private Object call(EngineMode mode, String fixture, String method, String wit, List<Object> args, boolean cli) {
        try (Execution e = load(mode, fixture).instantiate(config(0, fixture + ".wasm"))) {
            return e.call(method, wit, args, cli);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void callsANumericExportWithoutWit(EngineMode mode) {
        assertThat(call(mode, "answer", "answer", null, List.of(), false)).isEqualTo(42);
        assertThat(call(mode, "compute", "compute", null, List.of(6, 7), false)).isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void typesACallWithWitAndConvertsCommandLineStrings(EngineMode mode) {
        String wit = "compute: func(a: s32, b: s32) -> s32;\nis-even: func(n: s32) -> bool;";
        assertThat(call(mode, "compute", "compute", wit, List.of("6", "7"), true)).isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void passesStringsAndListsThroughTheGuestAllocator(EngineMode mode) {
        String wit = "greet: func(name: string) -> string;\nsum-list: func(xs: list<s32>) -> s64;\n"
                + "upper: func(s: string) -> string;";
        assertThat(call(mode, "strings", "greet", wit, List.of("Wippy"), false)).isEqualTo("Hello, Wippy!");
        assertThat(call(mode, "strings", "upper", wit, List.of("héllo"), false)).isEqualTo("HéLLO");
        assertThat(call(mode, "strings", "sum-list", wit, List.of(List.of(1, 2, 3, 40)), false)).isEqualTo(46L);
    }

    @Test
    void reportsAMissingExportWithTheExportsThatExist() {
        assertThatThrownBy(() -> call(EngineMode.INTERPRETER, "answer", "nope", null, List.of(), false))
                .isInstanceOf(WasmCallException.class)
                .hasMessage("export \"nope\" not found in module; exported functions: answer");
    }

    @Test
    void anImportNoHostProvidesTrapsOnlyWhenCalled() {
        Program p = load(EngineMode.INTERPRETER, "unresolved");
        try (Execution e = p.instantiate(config(0, "unresolved"))) {
            assertThat(e.call("ok", null, List.of(), false)).isEqualTo(1);
            assertThatThrownBy(() -> e.call("call_missing", null, List.of(), false))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessage("unresolved host import \"env.missing\"");
        }
    }

    @Test
    void reportsArgumentCountAndConversionErrors() {
        String wit = "compute: func(a: s32, b: s32) -> s32;";
        assertThatThrownBy(() -> call(EngineMode.INTERPRETER, "compute", "compute", wit, List.of(1), false))
                .isInstanceOf(WasmCallException.class)
                .hasMessage("parameter count mismatch: expected 2, got 1");
        assertThatThrownBy(() -> call(EngineMode.INTERPRETER, "compute", "compute", wit, List.of("6", "x"), true))
                .isInstanceOf(WasmCallException.class)
                .hasMessage("parameter 1: cannot convert \"x\" to s32");
    }

    @Test
    void aWitSignatureThatContradictsTheModuleIsRefused() {
        assertThatThrownBy(() -> call(EngineMode.INTERPRETER, "compute", "compute",
                "compute: func(a: s64) -> s32;", List.of(1), false))
                .isInstanceOf(WasmCallException.class)
                .hasMessageContaining("does not match");
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void trapsBecomeCallErrors(EngineMode mode) {
        assertThatThrownBy(() -> call(mode, "div", "div", null, List.of(1, 0), false))
                .isInstanceOf(WasmCallException.class)
                .satisfies(e -> assertThat(((WasmCallException) e).reason()).isEqualTo(WasmCallException.Reason.TRAP))
                .hasMessageContaining("divide by zero");
    }

    @Test
    void aCompiledTrapCarriesTheWasmStackWithFunctionNames() {
        Program p = load(EngineMode.COMPILER, "trap");
        try (Execution e = p.instantiate(config(0, "trap"))) {
            assertThatThrownBy(() -> e.call("_start", null, List.of(), true))
                    .isInstanceOf(WasmCallException.class)
                    .satisfies(x -> assertThat(((WasmCallException) x).wasmStack())
                            .startsWith("  at __original_main (func ")
                            .contains("  at _start (func "));
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void runawayRecursionEndsTheCallNotTheJvm(EngineMode mode) {
        assertThatThrownBy(() -> call(mode, "recurse", "recurse", null, List.of(0), false))
                .isInstanceOf(WasmCallException.class)
                .satisfies(e -> assertThat(((WasmCallException) e).reason())
                        .isEqualTo(WasmCallException.Reason.STACK_EXHAUSTED));
        // and the engine still works
        assertThat(call(mode, "answer", "answer", null, List.of(), false)).isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    // Under a second even on a loaded 2-core CI machine; the typical figure (well under 100 ms) is measured by
    // bench/ EngineBench and recorded in bench/RESULTS.md.
    void interruptionStopsATightBrIfLoopPromptly(EngineMode mode) throws Exception {
        for (String fixture : List.of("loop_br_if", "loop_br")) {
            Program p = load(mode, fixture);
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (Execution e = p.instantiate(config(0, "loop"))) {
                    e.call("run", null, List.of(), false);
                    failure.complete(null);
                } catch (Throwable x) {
                    failure.complete(x);
                }
            });
            t.start();
            Thread.sleep(300);
            assertThat(t.isAlive()).as("%s still looping", fixture).isTrue();
            long interruptedAt = System.nanoTime();
            t.interrupt();
            Throwable x = failure.get(5, TimeUnit.SECONDS);
            long stopMs = (System.nanoTime() - interruptedAt) / 1_000_000;
            assertThat(x).isInstanceOf(WasmCallException.class);
            assertThat(((WasmCallException) x).reason()).isEqualTo(WasmCallException.Reason.INTERRUPTED);
            assertThat(stopMs).as("%s %s stopped in %d ms", mode, fixture, stopMs).isLessThan(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void memoryBytesCapsMemoryGrow(EngineMode mode) {
        Program p = load(mode, "grow");
        try (Execution e = p.instantiate(config(4 * 65536, "grow"))) {
            assertThat(e.call("pages", null, List.of(), false)).isEqualTo(1);
            assertThat(e.call("grow", null, List.of(2), false)).isEqualTo(1);
            assertThat(e.call("grow", null, List.of(2), false)).isEqualTo(-1);
            assertThat(e.call("grow", null, List.of(1), false)).isEqualTo(3);
            assertThat(e.call("pages", null, List.of(), false)).isEqualTo(4);
        }
    }

    @Test
    void aMemoryHogGetsOnlyWhatItsCapAllows() {
        Program p = load(EngineMode.COMPILER, "memory_hog");
        try (Execution e = p.instantiate(config(16L * 1024 * 1024, "memory_hog"))) {
            // wasi-libc's _start returns normally for exit status 0
            assertThat(e.call("_start", null, List.of(), true)).isNull();
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).matches("allocated \\d+ MiB\\n");
        int mib = Integer.parseInt(printed.replaceAll("\\D", ""));
        assertThat(mib).isBetween(1, 16);
    }

    @Test
    void aModuleNeedingMoreInitialMemoryThanItsCapIsRefused() {
        Program p = load(EngineMode.INTERPRETER, "memory_hog");
        assertThatThrownBy(() -> p.instantiate(config(65536, "memory_hog")))
                .isInstanceOf(WasmCallException.class)
                .hasMessageContaining("bytes of initial memory, more than the 65536 bytes its limits allow");
    }

    @Test
    void wasiExitCodesArePreserved() {
        Program p = load(EngineMode.INTERPRETER, "exit_code");
        try (Execution e = p.instantiate(config(0, "exit_code.wasm", "3"))) {
            assertThatThrownBy(() -> e.call("_start", null, List.of("3"), true))
                    .isInstanceOf(WasmCallException.class)
                    .satisfies(x -> {
                        assertThat(((WasmCallException) x).reason()).isEqualTo(WasmCallException.Reason.EXIT);
                        assertThat(((WasmCallException) x).exitCode()).isEqualTo(3);
                    });
        }
    }

    @Test
    void commandsSeeArgvAndWriteStdout() {
        Program p = load(EngineMode.INTERPRETER, "greeter");
        try (Execution e = p.instantiate(config(0, "greeter.wasm", "Maven"))) {
            assertThat(e.call("_start", null, List.of("Maven"), true)).isNull();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, Maven!\n");
    }

    @Test
    void recognisesComponentsAndRefusesNonWasm() {
        byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        assertThat(BinaryKind.detect("c.wasm", component)).isEqualTo(BinaryKind.COMPONENT);
        assertThat(BinaryKind.detect("a.wasm", Fixtures.bytes("answer"))).isEqualTo(BinaryKind.CORE_MODULE);
        assertThatThrownBy(() -> BinaryKind.detect("x.wasm", "hello world".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WippyException.class)
                .hasMessage("x.wasm is not a WebAssembly binary (it does not start with \\0asm)");
        byte[] truncated = Fixtures.bytes("answer");
        truncated[20] = (byte) 0xff;
        assertThatThrownBy(() -> WasmEngine.create(EngineOptions.defaults()).load("bad.wasm", java.util.Arrays.copyOf(truncated, 20)))
                .isInstanceOf(WippyException.class)
                .hasMessageStartingWith("invalid WebAssembly module bad.wasm at offset 0x14: ");
    }

    @Test
    void compiledCodeIsCachedOnDiskAcrossEngines(@TempDir Path cache) throws Exception {
        byte[] bytes = Fixtures.bytes("numbers");
        EngineOptions options = EngineOptions.builder().mode(EngineMode.COMPILER).cacheDirectory(cache).build();
        WasmEngine.forgetSharedModules();
        WasmEngine first = WasmEngine.create(options);
        first.load("numbers.wasm", bytes);
        assertThat(first.diskCacheStores()).isEqualTo(1);
        assertThat(first.diskCacheHits()).isZero();
        try (var files = java.nio.file.Files.list(cache)) {
            assertThat(files.filter(f -> f.toString().endsWith(".entry")).count()).isEqualTo(1);
        }

        // A new build: nothing in memory, the compiled code comes from disk, nothing is compiled.
        WasmEngine.forgetSharedModules();
        WasmEngine second = WasmEngine.create(options);
        Program p = second.load("numbers.wasm", bytes);
        assertThat(second.diskCacheHits()).isEqualTo(1);
        assertThat(second.diskCacheStores()).isZero();
        try (Execution e = p.instantiate(config(0, "numbers"))) {
            assertThat(e.call("mix", null, List.of(1, 2, 3, 4), false)).isEqualTo(10.0);
        }
        assertThat(WasmEngine.engineVersion()).startsWith("chicory-1.7.5+wippy-");
    }
}
