package ai.wippy.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitMap;
import ai.wippy.runtime.wit.WitType;
import java.io.OutputStream;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code map<K, V>} and fixed-length lists {@code list<T, N>} through the canonical ABI, on a real
 * component (fixtures/components/src/abi-maps/abi-maps.wat): each export forwards its core arguments
 * to a host import that echoes its argument, so every call lowers into guest memory (canon lift),
 * lifts for the host (canon lower), lowers the host's result through the out-pointer and lifts it
 * back. Then the layout and flat types against CanonicalABI.md, and the errors and traps.
 */
class MapAndFixedListAbiTest {

    private final List<Object> seenByHost = new ArrayList<>();

    private Execution start(EngineMode mode) {
        HostInterface.Builder echo = HostInterface.named("test:abi/echo");
        for (String f : List.of("u8x4", "one", "str3", "nested", "map-su", "map-ul", "rec", "spill")) {
            echo.function(f, args -> {
                seenByHost.add(args);
                return args.get(0);
            });
        }
        Program program = WasmEngine.create(EngineOptions.builder().mode(mode).build())
                .load("abi-maps.wasm", Fixtures.bytes("components/abi-maps"));
        return program.instantiate(new ExecutionConfig(WasiOptions.builder().stdout(OutputStream.nullOutputStream())
                .stderr(OutputStream.nullOutputStream()).build(), 0, Set.of(), HostInterfaces.of(List.of(echo.build()))));
    }

    private static Map<Object, Object> ordered(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void fixedLengthListsRoundTrip(EngineMode mode) {
        try (Execution e = start(mode)) {
            assertThat(e.call("u8x4", null, List.of(List.of(1, 2, 254, 255)), false)).isEqualTo(List.of(1, 2, 254, 255));
            assertThat(e.call("u8x4", null, List.of(new byte[] {9, 8, 7, (byte) 200}), false))
                    .isEqualTo(List.of(9, 8, 7, 200));
            assertThat(e.call("one", null, List.of(List.of(42)), false)).isEqualTo(List.of(42));
            assertThat(e.call("str3", null, List.of(List.of("a", "", "ünïcödé ✓")), false))
                    .isEqualTo(List.of("a", "", "ünïcödé ✓"));
            assertThat(e.call("nested", null, List.of(List.of(List.of(1, 2), List.of(3, 4294967295L))), false))
                    .isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4294967295L)));
            // the host got each value as a List of exactly N
            assertThat(seenByHost).containsExactly(List.of(List.of(1, 2, 254, 255)), List.of(List.of(9, 8, 7, 200)),
                    List.of(List.of(42)), List.of(List.of("a", "", "ünïcödé ✓")),
                    List.of(List.of(List.of(1L, 2L), List.of(3L, 4294967295L))));
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void mapsRoundTripInOrder(EngineMode mode) {
        try (Execution e = start(mode)) {
            Map<Object, Object> su = ordered("zeta", 26L, "alpha", 1L, "", 0L, "max", 4294967295L);
            Object back = e.call("map-su", null, List.of(su), false);
            assertThat(back).isInstanceOf(WitMap.class).isEqualTo(su);
            assertThat(List.copyOf(((Map<?, ?>) back).keySet())).isEqualTo(List.of("zeta", "alpha", "", "max"));
            assertThat(e.call("map-su", null, List.of(Map.of()), false)).isEqualTo(Map.of());

            Map<Object, Object> ul = ordered(7L, List.of("x", "y"), 0L, List.of(), 4294967295L, List.of("z"));
            Object back2 = e.call("map-ul", null, List.of(ul), false);
            assertThat(back2).isEqualTo(ul);
            assertThat(List.copyOf(((Map<?, ?>) back2).keySet())).isEqualTo(List.of(7L, 0L, 4294967295L));
            assertThat(seenByHost.get(2)).isEqualTo(List.of(ul));
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void aMapWithRepeatedKeysKeepsEveryPairAcrossTheBoundaryAndTheLastValueInItsMapView(EngineMode mode) {
        try (Execution e = start(mode)) {
            WitMap given = WitMap.ofEntries(List.of(new SimpleImmutableEntry<>("k", 1L), new SimpleImmutableEntry<>("a", 0L),
                    new SimpleImmutableEntry<>("k", 2L)));
            assertThat(given).isEqualTo(ordered("k", 2L, "a", 0L));
            WitMap back = (WitMap) e.call("map-su", null, List.of(given), false);
            assertThat(back.hasDuplicateKeys()).isTrue();
            assertThat(back.entries()).hasToString("[k=1, a=0, k=2]");
            assertThat(back.get("k")).isEqualTo(2L);
            assertThat(List.copyOf(back.keySet())).isEqualTo(List.of("k", "a"));
            assertThatThrownBy(() -> back.put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void recordsContainingThemAndSpillingPastSixteenFlatParameters(EngineMode mode) {
        try (Execution e = start(mode)) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("id", List.of(0xde, 0xad, 0xbe, 0xef));
            rec.put("tags", ordered("b", 2L, "a", 1L));
            rec.put("pts", List.of(List.of(1L, 2L), List.of(3L, 4L)));
            assertThat(e.call("rec", null, List.of(rec), false)).isEqualTo(rec);

            List<Object> a = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 4294967295L);
            // 8 + 8 + 1 = 17 flat values: the arguments go through memory both ways
            seenByHost.clear();
            Object spilled = e.call("spill", null, List.of(a, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), 9), false);
            assertThat(spilled).isEqualTo(a);
            assertThat(seenByHost).containsExactly(List.of(a, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), 9));
        }
    }

    @Test
    void aFixedLengthListOfAnotherLengthIsAnArgumentErrorNamingTheLength() {
        try (Execution e = start(EngineMode.INTERPRETER)) {
            assertThatThrownBy(() -> e.call("u8x4", null, List.of(List.of(1, 2, 3)), false))
                    .isInstanceOf(WasmCallException.class)
                    .satisfies(x -> assertThat(((WasmCallException) x).reason()).isEqualTo(WasmCallException.Reason.ARGUMENT))
                    .hasMessageContaining("parameter 0")
                    .hasMessageContaining("list<u8, 4>")
                    .hasMessageContaining("expected exactly 4 elements, got 3");
            assertThatThrownBy(() -> e.call("nested", null, List.of(List.of(List.of(1, 2), List.of(3))), false))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("parameter 0 at [1]")
                    .hasMessageContaining("expected exactly 2 elements, got 1");
            assertThatThrownBy(() -> e.call("map-su", null, List.of(List.of(List.of("a", 1))), false))
                    .isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("a map is a Map");
            // on the command line: YAML flow syntax
            assertThat(e.call("u8x4", null, List.of("[1, 2, 3, 4]"), true)).isEqualTo(List.of(1, 2, 3, 4));
            assertThat(e.call("map-su", null, List.of("{b: 2, a: 1}"), true)).isEqualTo(ordered("b", 2L, "a", 1L));
            assertThatThrownBy(() -> e.call("u8x4", null, List.of("[1, 2]"), true))
                    .hasMessageContaining("expected exactly 4 elements, got 2");
        }
    }

    @Test
    void outOfBoundsPointersTrap() {
        try (Execution e = start(EngineMode.INTERPRETER)) {
            assertThatThrownBy(() -> e.call("bad-map", null, List.of(), false)).isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("out of bounds");
        }
        try (Execution e = start(EngineMode.INTERPRETER)) {
            assertThatThrownBy(() -> e.call("bad-fixed", null, List.of(), false)).isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("out of bounds");
        }
        try (Execution e = start(EngineMode.INTERPRETER)) {
            assertThatThrownBy(() -> e.call("bad-map-arg", null, List.of(), false)).isInstanceOf(WasmCallException.class)
                    .hasMessageContaining("out of bounds");
            assertThat(seenByHost).as("the host is not called").isEmpty();
        }
    }

    @Test
    void signaturesPrintBothTypesInWitSyntax() {
        Program program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("abi-maps.wasm", Fixtures.bytes("components/abi-maps"));
        // what `wippy:list -Dwippy.verbose` shows (without ": func")
        assertThat(program.signature("spill", null))
                .hasToString("spill: func(a: list<u32, 8>, b: list<u64, 8>, c: u8) -> list<u32, 8>");
        assertThat(program.signature("map-ul", null))
                .hasToString("map-ul: func(x: map<u32, list<string>>) -> map<u32, list<string>>");
        assertThat(program.signature("rec", null).params().get(0).type())
                .hasToString("record { id: list<u8, 4>, tags: map<string, u32>, pts: list<list<u32, 2>, 2> }");
    }

    // ---- layout, flattening, the ABI's own errors (no component) ----------------------------------

    @Test
    void layoutAndFlatTypesAreThoseOfCanonicalAbiMd() {
        WitType u8x4 = new WitType.FixedListType(WitType.U8, 4);
        assertThat(CanonicalAbi.size(u8x4)).isEqualTo(4);
        assertThat(CanonicalAbi.alignment(u8x4)).isEqualTo(1);
        assertThat(CanonicalAbi.flatten(u8x4)).containsExactly(CoreType.I32, CoreType.I32, CoreType.I32, CoreType.I32);
        WitType u64x3 = new WitType.FixedListType(WitType.U64, 3);
        assertThat(CanonicalAbi.size(u64x3)).isEqualTo(24);
        assertThat(CanonicalAbi.alignment(u64x3)).isEqualTo(8);
        WitType strings = new WitType.FixedListType(WitType.STRING, 3);
        assertThat(CanonicalAbi.size(strings)).isEqualTo(24);
        assertThat(CanonicalAbi.flatten(strings)).hasSize(6);
        WitType nested = new WitType.FixedListType(new WitType.FixedListType(WitType.U32, 2), 2);
        assertThat(CanonicalAbi.size(nested)).isEqualTo(16);
        assertThat(CanonicalAbi.flatten(nested)).hasSize(4);
        // a record: {u8, list<u16, 3>, u8} is 1 + pad 1 + 6 + 1, aligned to 2
        WitType r = new WitType.RecordType(List.of(new WitType.Field("a", WitType.U8),
                new WitType.Field("b", new WitType.FixedListType(WitType.U16, 3)), new WitType.Field("c", WitType.U8)));
        assertThat(CanonicalAbi.size(r)).isEqualTo(10);
        assertThat(CanonicalAbi.alignment(r)).isEqualTo(2);
        // a map is list<tuple<K, V>>: a pointer and a length
        WitType map = new WitType.MapType(WitType.STRING, WitType.U64);
        assertThat(CanonicalAbi.size(map)).isEqualTo(8);
        assertThat(CanonicalAbi.alignment(map)).isEqualTo(4);
        assertThat(CanonicalAbi.flatten(map)).containsExactly(CoreType.I32, CoreType.I32);
        // a huge fixed-length list is not flattened copy by copy: past 17 values it spills anyway
        WitType huge = new WitType.FixedListType(WitType.U8, 100_000_000);
        assertThat(CanonicalAbi.size(huge)).isEqualTo(100_000_000);
        assertThat(CanonicalAbi.flatten(huge)).hasSize(CanonicalAbi.MAX_FLAT_PARAMS + 1);
        WitType deep = WitType.U8;
        for (int i = 0; i < 12; i++) {
            deep = new WitType.FixedListType(deep, 1000);
        }
        assertThat(CanonicalAbi.flatten(deep)).hasSizeBetween(CanonicalAbi.MAX_FLAT_PARAMS + 1, 64);
        // exactly MAX_FLAT_PARAMS stays flat, one more spills
        assertThat(CanonicalAbi.flatten(new WitType.FixedListType(WitType.U8, 16))).hasSize(16);
        assertThat(CanonicalAbi.flattenFunction(new WitFunction("g", List.of(new WitFunction.Param("p",
                new WitType.FixedListType(WitType.U8, 16))), List.of()), Direction.LIFT).paramsInMemory()).isFalse();
        assertThat(CanonicalAbi.flattenFunction(new WitFunction("g", List.of(new WitFunction.Param("p",
                new WitType.FixedListType(WitType.U8, 17))), List.of()), Direction.LIFT).paramsInMemory()).isTrue();
        assertThat(CanonicalAbi.flattenFunction(new WitFunction("g", List.of(new WitFunction.Param("p",
                new WitType.FixedListType(WitType.STRING, 9))), List.of()), Direction.LIFT).paramsInMemory()).isTrue();
        WitFunction f = new WitFunction("f", List.of(new WitFunction.Param("p", huge)), List.of());
        assertThat(CanonicalAbi.flattenFunction(f, Direction.LIFT).paramsInMemory()).isTrue();
        assertThatThrownBy(() -> CanonicalAbi.size(new WitType.FixedListType(WitType.U64, Integer.MAX_VALUE)))
                .hasMessageContaining("type too large");
    }

    @Test
    void mapPairsAreStoredAsTuplesAndFixedListsInline() {
        ByteArrayMemory memory = new ByteArrayMemory(4096);
        BumpAllocator allocator = new BumpAllocator(1024);
        WitType map = new WitType.MapType(WitType.U8, WitType.U32);
        CanonicalAbi.store(map, ordered(1, 0x01020304L, 2, 5L), memory, 16, allocator);
        // (ptr, len) at 16; tuple<u8, u32> is 8 bytes: key, 3 bytes padding, value
        assertThat(memory.readI32(16)).isEqualTo(1024);
        assertThat(memory.readI32(20)).isEqualTo(2);
        assertThat(memory.bytes[1024]).isEqualTo((byte) 1);
        assertThat(memory.readI32(1028)).isEqualTo(0x01020304);
        assertThat(memory.bytes[1032]).isEqualTo((byte) 2);
        assertThat(memory.readI32(1036)).isEqualTo(5);
        assertThat(CanonicalAbi.load(map, memory, 16)).isEqualTo(ordered(1, 0x01020304L, 2, 5L));

        WitType fixed = new WitType.FixedListType(WitType.U16, 3);
        CanonicalAbi.store(fixed, List.of(1, 2, 0xffff), memory, 100, allocator);
        assertThat(memory.bytes[100]).isEqualTo((byte) 1);
        assertThat(memory.bytes[102]).isEqualTo((byte) 2);
        assertThat(memory.bytes[104]).isEqualTo((byte) 0xff);
        assertThat(CanonicalAbi.load(fixed, memory, 100)).isEqualTo(List.of(1, 2, 0xffff));
        assertThat(CanonicalAbi.lowerFlat(fixed, List.of(1, 2, 3), memory, allocator, null)).containsExactly(1, 2, 3);
        assertThat(CanonicalAbi.liftFlat(fixed, new long[] {7, 8, 9}, memory, null)).isEqualTo(List.of(7, 8, 9));
        assertThatThrownBy(() -> CanonicalAbi.store(fixed, List.of(1, 2), memory, 100, allocator))
                .isInstanceOf(CanonicalAbiException.class)
                .hasMessageStartingWith("cannot lower [1, 2] (")
                .hasMessageEndingWith(" as list<u16, 3>: a list<u16, 3> has exactly 3 elements, not 2");
        assertThatThrownBy(() -> CanonicalAbi.store(map, List.of(), memory, 16, allocator))
                .isInstanceOf(CanonicalAbiException.class).hasMessageContaining("a map is a Map");
        // lifting a map whose pairs are out of bounds traps
        memory.writeI32(200, 4000);
        memory.writeI32(204, 100);
        assertThatThrownBy(() -> CanonicalAbi.load(map, memory, 200)).isInstanceOf(CanonicalAbiException.class)
                .hasMessageContaining("map<u8, u32>");
    }

    @Test
    void fixedLengthListsInsideListsOptionsAndVariants() {
        ByteArrayMemory memory = new ByteArrayMemory(4096);
        BumpAllocator allocator = new BumpAllocator(1024);
        // list<list<u8, 3>>: elements of 3 bytes, moved in one copy
        WitType rows = new WitType.ListType(new WitType.FixedListType(WitType.U8, 3));
        CanonicalAbi.store(rows, List.of(List.of(1, 2, 3), List.of(4, 5, 6)), memory, 16, allocator);
        assertThat(memory.readI32(20)).isEqualTo(2);
        int at = memory.readI32(16);
        assertThat(java.util.Arrays.copyOfRange(memory.bytes, at, at + 6)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(CanonicalAbi.load(rows, memory, 16)).isEqualTo(List.of(List.of(1, 2, 3), List.of(4, 5, 6)));
        assertThatThrownBy(() -> CanonicalAbi.store(rows, List.of(List.of(1, 2, 3), List.of(4, 5)), memory, 16, allocator))
                .isInstanceOf(CanonicalAbiException.class).hasMessageContaining("has exactly 3 elements, not 2");
        // option<list<u16, 2>>: [discriminant, e0, e1]
        WitType opt = new WitType.OptionType(new WitType.FixedListType(WitType.U16, 2));
        assertThat(CanonicalAbi.flatten(opt)).hasSize(3);
        assertThat(CanonicalAbi.lowerFlat(opt, List.of(7, 8), memory, allocator, null)).containsExactly(1, 7, 8);
        assertThat(CanonicalAbi.liftFlat(opt, new long[] {1, 7, 8}, memory, null)).isEqualTo(List.of(7, 8));
        assertThat(CanonicalAbi.liftFlat(opt, new long[] {0, 0, 0}, memory, null)).isNull();
        // result<list<f32, 2>, list<u64, 1>>: the joined flat types of the two cases
        WitType res = new WitType.ResultType(new WitType.FixedListType(WitType.F32, 2),
                new WitType.FixedListType(WitType.U64, 1));
        assertThat(CanonicalAbi.flatten(res)).containsExactly(CoreType.I32, CoreType.I64, CoreType.F32);
        assertThat(CanonicalAbi.size(res)).isEqualTo(16);
        Object err = CanonicalAbi.liftFlat(res, CanonicalAbi.lowerFlat(res,
                new ai.wippy.runtime.wit.WitResult(false, List.of(5L)), memory, allocator, null), memory, null);
        assertThat(err).isEqualTo(new ai.wippy.runtime.wit.WitResult(false, List.of(5L)));
        // list<s8, 2> lifted from flat values is a byte list like a list<s8>
        assertThat(CanonicalAbi.liftFlat(new WitType.FixedListType(WitType.S8, 2), new long[] {-1, 0xff}, memory, null))
                .isEqualTo(List.of(-1, -1));
    }
}
