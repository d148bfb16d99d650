package ai.wippy.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitMap;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random values (WitGen: edge cases first, maps with repeated keys now and then) through every
 * echo of {@code abi-maps.wasm} (maps and fixed-length lists; see MapAndFixedListAbiTest): each must
 * come back as it went, pair for pair. {@code -Dwippy.roundtrip.seed=N} repeats a run.
 */
class AbiMapsRoundTripTest {

    static final long SEED = Long.getLong("wippy.roundtrip.seed", new SecureRandom().nextLong());
    static final List<String> ECHOES = List.of("u8x4", "one", "str3", "nested", "map-su", "map-ul", "rec", "spill");

    @ParameterizedTest
    @EnumSource(value = EngineMode.class, names = {"INTERPRETER", "COMPILER"})
    void randomValuesComeBackUnchanged(EngineMode mode) {
        HostInterface.Builder echo = HostInterface.named("test:abi/echo");
        ECHOES.forEach(f -> echo.function(f, args -> args.get(0)));
        Program program = WasmEngine.create(EngineOptions.builder().mode(mode).build())
                .load("abi-maps.wasm", Fixtures.bytes("components/abi-maps"));
        System.out.println("[abi-maps round trips] seed " + SEED + " (-Dwippy.roundtrip.seed=" + SEED + ")");
        try (Execution e = program.instantiate(new ExecutionConfig(WasiOptions.builder()
                .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).build(), 0, Set.of(),
                HostInterfaces.of(List.of(echo.build()))))) {
            for (String name : ECHOES) {
                WitFunction f = program.signature(name, null);
                WitGen gen = new WitGen(SEED ^ name.hashCode());
                for (int i = 0; i < 60; i++) {
                    List<Object> args = new ArrayList<>();
                    f.params().forEach(p -> args.add(gen.value(p.type())));
                    Object back = e.call(name, null, args, false);
                    assertThat(pairs(back)).as("%s #%d (seed %d)", name, i, SEED).isEqualTo(pairs(args.get(0)));
                }
            }
        }
    }

    /** The value with each map as its list of pairs (repeated keys and order count), records as maps. */
    private static Object pairs(Object v) {
        if (v instanceof WitMap m) {
            List<Object> out = new ArrayList<>();
            m.entries().forEach(en -> out.add(List.of(pairs(en.getKey()), pairs(en.getValue()))));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, pairs(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(pairs(x)));
            return out;
        }
        return v;
    }
}
