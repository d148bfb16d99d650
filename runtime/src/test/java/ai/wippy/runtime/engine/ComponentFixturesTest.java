package ai.wippy.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs every case of {@code fixtures/components/expected/{types,strings-utf16,strings-latin1}.json}
 * (what jco, an independent implementation, returned; entries that carry {@code jco} follow the
 * spec where jco does not) through the engine and compares: the result, or that the call traps.
 * Values are converted from the README's JSON encoding into the engine's value model (see
 * {@link WitType}) by the function's WIT type and passed to {@link Execution#invoke}, so what is
 * compared is the canonical ABI and the guest, not the coercion above the engine.
 */
class ComponentFixturesTest {

    private static final Map<String, Execution> SESSIONS = new HashMap<>();

    @AfterAll
    static void closeSessions() {
        SESSIONS.values().forEach(Execution::close);
        SESSIONS.clear();
    }

    @TestFactory
    Stream<DynamicTest> types() throws IOException {
        return cases("types", "types", 300);
    }

    @TestFactory
    Stream<DynamicTest> stringsUtf16() throws IOException {
        return cases("strings-utf16", "strings-utf16", 30);
    }

    @TestFactory
    Stream<DynamicTest> stringsLatin1() throws IOException {
        return cases("strings-latin1", "strings-latin1", 30);
    }

    private Stream<DynamicTest> cases(String fixture, String expectedFile, int atLeast) throws IOException {
        Path dir = Fixtures.dir().getParent().resolve("components");
        byte[] wasm = Files.readAllBytes(dir.resolve("wasm/" + fixture + ".wasm"));
        Program program = WasmEngine.create(EngineOptions.defaults()).load(fixture + ".wasm", wasm);
        List<Map<String, Object>> cases = new Yaml().load(Files.readString(dir.resolve("expected/" + expectedFile + ".json")));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(atLeast);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> c = cases.get(i);
            String name = i + ": " + c.get("function") + " " + c.get("args");
            tests.add(DynamicTest.dynamicTest(name, () -> check(fixture, program, c)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(String fixture, Program program, Map<String, Object> c) {
        String function = (String) c.get("function");
        WitFunction signature = program.signature(function, null);
        List<Object> jsonArgs = (List<Object>) c.get("args");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < jsonArgs.size(); i++) {
            args.add(value(signature.params().get(i).type(), jsonArgs.get(i)));
        }
        Object session = c.get("instance");
        Execution e = session == null ? program.instantiate(config())
                : SESSIONS.computeIfAbsent(fixture + "/" + session, k -> program.instantiate(config()));
        try {
            Object result;
            try {
                result = e.invoke(signature, args);
            } catch (WasmCallException x) {
                if (c.containsKey("trap")) {
                    assertThat(x.reason()).as("%s traps", function).isEqualTo(WasmCallException.Reason.TRAP);
                    return;
                }
                throw new AssertionError(function + " " + jsonArgs + " failed: " + x.getMessage(), x);
            }
            if (c.containsKey("trap")) {
                fail(function + " " + jsonArgs + " should trap (" + c.get("trap") + ") but returned " + result);
            }
            Object expected = signature.results().isEmpty() ? null : value(signature.results().get(0), c.get("result"));
            assertThat(result).as("%s %s", function, jsonArgs).isEqualTo(expected);
        } finally {
            if (session == null) {
                e.close();
            }
        }
    }

    private static ExecutionConfig config() {
        return new ExecutionConfig(WasiOptions.builder().stdout(new ByteArrayOutputStream())
                .stderr(new ByteArrayOutputStream()).build(), 0, Set.of());
    }

    /** A value of the fixtures' JSON encoding (fixtures/components/README.md) in the engine's value model. */
    @SuppressWarnings("unchecked")
    static Object value(WitType t, Object json) {
        if (t instanceof WitType.Bool || t instanceof WitType.StringType || t instanceof WitType.Char
                || t instanceof WitType.EnumType) {
            return json;
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16 || t instanceof WitType.U16
                || t instanceof WitType.S32) {
            return ((Number) json).intValue();
        }
        if (t instanceof WitType.U32 || t instanceof WitType.S64) {
            return ((Number) json).longValue();
        }
        if (t instanceof WitType.U64) {
            BigInteger b = json instanceof BigInteger big ? big : BigInteger.valueOf(((Number) json).longValue());
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (t instanceof WitType.F32) {
            return (float) number(json);
        }
        if (t instanceof WitType.F64) {
            return number(json);
        }
        if (t instanceof WitType.ListType l) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<Object>) json) {
                out.add(value(l.element(), e));
            }
            return out;
        }
        if (t instanceof WitType.TupleType tu) {
            List<Object> in = (List<Object>) json;
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                out.add(value(tu.types().get(i), in.get(i)));
            }
            return out;
        }
        if (t instanceof WitType.RecordType r) {
            Map<String, Object> in = (Map<String, Object>) json;
            Map<String, Object> out = new LinkedHashMap<>();
            for (WitType.Field f : r.fields()) {
                out.put(f.name(), value(f.type(), in.get(f.name())));
            }
            return out;
        }
        if (t instanceof WitType.VariantType v) {
            String name;
            Object payload;
            if (json instanceof String bare) {
                name = bare;
                payload = null;
            } else {
                Map.Entry<String, Object> e = ((Map<String, Object>) json).entrySet().iterator().next();
                name = e.getKey();
                payload = e.getValue();
            }
            WitType caseType = v.cases().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().type();
            return new WitVariant(name, caseType == null ? null : value(caseType, payload));
        }
        if (t instanceof WitType.OptionType o) {
            if (json == null) {
                return null;
            }
            if (o.type() instanceof WitType.OptionType inner) {
                Map.Entry<String, Object> e = ((Map<String, Object>) json).entrySet().iterator().next();
                return e.getKey().equals("none") ? new WitVariant("none", null)
                        : new WitVariant("some", value(inner, e.getValue()));
            }
            return value(o.type(), json);
        }
        if (t instanceof WitType.ResultType r) {
            Map.Entry<String, Object> e = ((Map<String, Object>) json).entrySet().iterator().next();
            boolean ok = e.getKey().equals("ok");
            WitType side = ok ? r.ok() : r.err();
            return new WitResult(ok, side == null ? null : value(side, e.getValue()));
        }
        if (t instanceof WitType.FlagsType) {
            return new LinkedHashSet<>((List<Object>) json);
        }
        throw new IllegalArgumentException("no JSON form for " + t + " in these fixtures");
    }

    private static double number(Object json) {
        if (json instanceof String s) {
            return switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + s);
            };
        }
        return ((Number) json).doubleValue();
    }
}
