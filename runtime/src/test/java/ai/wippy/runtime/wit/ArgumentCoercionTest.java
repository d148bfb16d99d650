package ai.wippy.runtime.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgumentCoercionTest {

    private static final WitType.RecordType POINT = new WitType.RecordType(List.of(
            new WitType.Field("x", WitType.S32), new WitType.Field("y", WitType.S32)));
    private static final WitType.VariantType SHAPE = new WitType.VariantType(List.of(
            new WitType.Case("circle", WitType.F64), new WitType.Case("empty", null)));
    private static final WitType.EnumType COLOR = new WitType.EnumType(List.of("red", "green"));
    private static final WitType.FlagsType PERMS = new WitType.FlagsType(List.of("read", "write", "exec"));

    private static Object one(WitType t, Object value, boolean cli) {
        return ArgumentCoercion.coerce(List.of(new WitFunction.Param("p", t)), Arrays.asList(value), cli).get(0);
    }

    private static Object one(WitType t, Object value) {
        return one(t, value, false);
    }

    private static String failure(WitType t, Object value, boolean cli) {
        try {
            one(t, value, cli);
        } catch (WippyException e) {
            assertThat(e.isUserError()).isTrue();
            return e.getMessage();
        }
        throw new AssertionError("no failure for " + value + " as " + t);
    }

    @Test
    void countMismatch() {
        List<WitFunction.Param> params = List.of(new WitFunction.Param("a", WitType.S32), new WitFunction.Param("b", WitType.S32));
        assertThatThrownBy(() -> ArgumentCoercion.coerce(params, List.of(1), false))
                .isInstanceOf(WippyException.class)
                .hasMessage("parameter count mismatch: expected 2, got 1");
        assertThatThrownBy(() -> ArgumentCoercion.coerce(List.of(), List.of(1, 2, 3), true))
                .hasMessage("parameter count mismatch: expected 0, got 3");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(WitType.S32, 6, 6),
                Arguments.of(WitType.S32, 6L, 6),
                Arguments.of(WitType.S32, 6.0, 6),
                Arguments.of(WitType.S32, 6.0f, 6),
                Arguments.of(WitType.S32, (short) 6, 6),
                Arguments.of(WitType.S32, (byte) -6, -6),
                Arguments.of(WitType.S32, BigInteger.valueOf(-7), -7),
                Arguments.of(WitType.S8, -128, -128),
                Arguments.of(WitType.U8, 255L, 255),
                Arguments.of(WitType.S16, -32768, -32768),
                Arguments.of(WitType.U16, 65535, 65535),
                Arguments.of(WitType.U32, 4294967295L, 4294967295L),
                Arguments.of(WitType.U32, 5, 5L),
                Arguments.of(WitType.S64, Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of(WitType.S64, 3, 3L),
                Arguments.of(WitType.U64, 5, 5L),
                Arguments.of(WitType.U64, new BigInteger("18446744073709551615"), new BigInteger("18446744073709551615")),
                Arguments.of(WitType.U64, 1e19, new BigInteger("10000000000000000000")),
                Arguments.of(WitType.F64, 3, 3.0),
                Arguments.of(WitType.F64, 1.5, 1.5),
                Arguments.of(WitType.F64, 1.5f, 1.5),
                Arguments.of(WitType.F64, 9007199254740992L, 9007199254740992.0),
                Arguments.of(WitType.F32, 16777216, 16777216f),
                Arguments.of(WitType.F32, 1.5, 1.5f),
                Arguments.of(WitType.F32, Double.NaN, Float.NaN),
                Arguments.of(WitType.BOOL, true, true),
                Arguments.of(WitType.STRING, "héllo", "héllo"),
                Arguments.of(WitType.CHAR, "😀", "😀"),
                Arguments.of(WitType.CHAR, 'a', "a"),
                Arguments.of(COLOR, "green", "green"),
                Arguments.of(new WitType.OptionType(WitType.S32), null, null),
                Arguments.of(new WitType.OptionType(WitType.S32), 4.0, 4),
                Arguments.of(new WitType.ListType(WitType.U16), List.of(1, 2.0, 3L), List.of(1, 2, 3)),
                Arguments.of(new WitType.TupleType(List.of(WitType.U8, WitType.STRING)), List.of(1L, "a"), List.of(1, "a")),
                Arguments.of(new WitType.Own(new ai.wippy.runtime.wit.ResourceType("r")), 3L, 3),
                Arguments.of(new WitType.Borrow(new ai.wippy.runtime.wit.ResourceType("r")), 0, 0));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void convertsToTheValueModel(WitType type, Object given, Object expected) {
        Object got = one(type, given);
        assertThat(got).isEqualTo(expected);
        if (expected instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertThat(((List<?>) got).get(i)).hasSameClassAs(list.get(i));
            }
        } else if (expected != null) {
            assertThat(got).hasSameClassAs(expected);
        }
    }

    @Test
    void recordsFromMapsInFieldOrder() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("y", 2L);
        given.put("x", 1.0);
        Object got = one(POINT, given);
        assertThat(got).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) got).keySet())).isEqualTo(List.of("x", "y"));
        assertThat(got).isEqualTo(Map.of("x", 1, "y", 2));
    }

    @Test
    void variantsResultsFlagsAndBytes() {
        assertThat(one(SHAPE, new WitVariant("circle", 2))).isEqualTo(new WitVariant("circle", 2.0));
        assertThat(one(SHAPE, new WitVariant("empty", null))).isEqualTo(new WitVariant("empty", null));
        WitType.ResultType result = new WitType.ResultType(WitType.U8, null);
        assertThat(one(result, WitResult.ok(7L))).isEqualTo(WitResult.ok(7));
        assertThat(one(result, WitResult.err(null))).isEqualTo(WitResult.err(null));
        Object flags = one(PERMS, List.of("exec", "read"));
        assertThat(flags).isInstanceOf(LinkedHashSet.class);
        assertThat(List.copyOf((Set<?>) flags)).isEqualTo(List.of("read", "exec"));
        byte[] bytes = {1, 2, 3};
        assertThat(one(new WitType.ListType(WitType.U8), bytes)).isSameAs(bytes);
    }

    @Test
    void nestedOptionsAreExplicitVariants() {
        WitType t = new WitType.OptionType(new WitType.OptionType(WitType.U8));
        assertThat(one(t, null)).isNull();
        assertThat(one(t, new WitVariant("none", null))).isEqualTo(new WitVariant("none", null));
        assertThat(one(t, new WitVariant("some", 5L))).isEqualTo(new WitVariant("some", 5));
        assertThat(failure(t, 5, false)).isEqualTo("parameter 0: cannot convert 5 to option<option<u8>>"
                + " (an option inside an option is {none: null} or {some: value})");
    }

    static Stream<Arguments> commandLine() {
        return Stream.of(
                Arguments.of(WitType.S32, "6", 6),
                Arguments.of(WitType.S32, "-6", -6),
                Arguments.of(WitType.S32, "+6", 6),
                Arguments.of(WitType.U64, "18446744073709551615", new BigInteger("18446744073709551615")),
                Arguments.of(WitType.S64, "-9223372036854775808", Long.MIN_VALUE),
                Arguments.of(WitType.BOOL, "true", true),
                Arguments.of(WitType.BOOL, "false", false),
                Arguments.of(WitType.F64, "1.5", 1.5),
                Arguments.of(WitType.F64, "-2e3", -2000.0),
                Arguments.of(WitType.F64, ".5", 0.5),
                Arguments.of(WitType.F64, "inf", Double.POSITIVE_INFINITY),
                Arguments.of(WitType.F32, "1.5", 1.5f),
                Arguments.of(WitType.F32, "nan", Float.NaN),
                Arguments.of(WitType.STRING, "6", "6"),
                Arguments.of(WitType.CHAR, "x", "x"),
                Arguments.of(COLOR, "red", "red"),
                Arguments.of(new WitType.OptionType(WitType.S32), "6", 6));
    }

    @ParameterizedTest
    @MethodSource("commandLine")
    void commandLineStringsParseIntoTheParameterType(WitType type, String text, Object expected) {
        Object got = one(type, text, true);
        assertThat(got).isEqualTo(expected).hasSameClassAs(expected);
    }

    static Stream<Arguments> commandLineFailures() {
        return Stream.of(
                Arguments.of(WitType.S32, "6.5"),
                Arguments.of(WitType.S32, "six"),
                Arguments.of(WitType.S32, " 6"),
                Arguments.of(WitType.S32, ""),
                Arguments.of(WitType.BOOL, "True"),
                Arguments.of(WitType.BOOL, "1"),
                Arguments.of(WitType.F64, "1.5x"),
                Arguments.of(WitType.F64, "0x10"));
    }

    @ParameterizedTest
    @MethodSource("commandLineFailures")
    void commandLineTextThatDoesNotParseExactly(WitType type, String text) {
        assertThat(failure(type, text, true)).isEqualTo("parameter 0: cannot convert \"" + text + "\" to " + type);
    }

    @Test
    void commandLineCompoundArgumentsAreYamlFlow() {
        assertThat(one(POINT, "{x: 1, y: -2}", true)).isEqualTo(Map.of("x", 1, "y", -2));
        assertThat(one(new WitType.ListType(WitType.S32), "[1,2, 3]", true)).isEqualTo(List.of(1, 2, 3));
        WitType.ResultType result = new WitType.ResultType(WitType.U8, WitType.STRING);
        assertThat(one(result, "{err: nope}", true)).isEqualTo(new WitResult(false, "nope"));
    }

    @Test
    void commandLineCompoundMismatchesSayWhereAndHowToWriteIt() {
        assertThat(failure(new WitType.ListType(WitType.S32), "[1, two]", true))
                .isEqualTo("parameter 0 at [1]: cannot convert \"two\" to s32");
        assertThat(failure(POINT, "{x: 1, y: {z: 2}}", true))
                .isEqualTo("parameter 0 at .y: cannot convert {z=2} to s32");
        assertThat(failure(POINT, "x=1", true)).isEqualTo("parameter 0: cannot convert \"x=1\" to record { x: s32, y: s32 }"
                + " (write it in YAML flow syntax, e.g. {field: value} or [a, b])");
    }

    @Test
    void commandLineOutOfRange() {
        assertThat(failure(WitType.U8, "256", true)).isEqualTo("parameter 0: \"256\" out of range for u8");
        assertThat(failure(WitType.F32, "1e39", true)).isEqualTo("parameter 0: \"1e39\" out of range for f32");
    }

    @Test
    void stringsAreNotParsedOutsideTheCommandLine() {
        assertThat(failure(WitType.S32, "6", false)).isEqualTo("parameter 0: cannot convert \"6\" to s32");
        assertThat(failure(WitType.BOOL, "true", false)).isEqualTo("parameter 0: cannot convert \"true\" to bool");
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of(WitType.S32, 6.5, "cannot convert 6.5 to s32"),
                Arguments.of(WitType.S32, 2147483648L, "2147483648 out of range for s32"),
                Arguments.of(WitType.U32, -1, "-1 out of range for u32"),
                Arguments.of(WitType.U8, 256, "256 out of range for u8"),
                Arguments.of(WitType.S8, -129, "-129 out of range for s8"),
                Arguments.of(WitType.U64, -1L, "-1 out of range for u64"),
                Arguments.of(WitType.S32, Double.NaN, "cannot convert NaN to s32"),
                Arguments.of(WitType.S32, true, "cannot convert true to s32"),
                Arguments.of(WitType.S32, null, "cannot convert null to s32"),
                Arguments.of(WitType.F32, 16777217, "cannot convert 16777217 to f32 (not exactly representable)"),
                Arguments.of(WitType.F64, 9007199254740993L, "cannot convert 9007199254740993 to f64 (not exactly representable)"),
                Arguments.of(WitType.F64, "1.5", "cannot convert \"1.5\" to f64"),
                Arguments.of(WitType.F32, 1e39, "1.0E39 out of range for f32"),
                Arguments.of(WitType.BOOL, 1, "cannot convert 1 to bool"),
                Arguments.of(WitType.STRING, 5, "cannot convert 5 to string"),
                Arguments.of(WitType.STRING, "a\uD800", "cannot convert \"a\uD800\" to string (unpaired surrogate)"),
                Arguments.of(WitType.CHAR, "ab", "cannot convert \"ab\" to char"),
                Arguments.of(WitType.CHAR, "", "cannot convert \"\" to char"),
                Arguments.of(WitType.CHAR, '\uDC00', "cannot convert \uDC00 to char"),
                Arguments.of(COLOR, "blue", "cannot convert \"blue\" to enum { red, green } (an enum is one of red, green)"),
                Arguments.of(new WitType.ListType(WitType.S32), List.of(1, "x"), "at [1]: cannot convert \"x\" to s32"),
                Arguments.of(new WitType.ListType(WitType.S32), "1,2", "cannot convert \"1,2\" to list<s32>"),
                Arguments.of(new WitType.ListType(WitType.S8), new byte[2], "cannot convert byte[2] to list<s8>"),
                Arguments.of(new WitType.TupleType(List.of(WitType.U8, WitType.U8)), List.of(1),
                        "cannot convert [1] to tuple<u8, u8>"),
                Arguments.of(POINT, List.of(1, 2), "cannot convert [1, 2] to record { x: s32, y: s32 }"),
                Arguments.of(POINT, Map.of("x", 1), "cannot convert {x=1} to record { x: s32, y: s32 } (missing field \"y\")"),
                Arguments.of(SHAPE, "circle", "cannot convert \"circle\" to variant { circle(f64), empty } (case \"circle\" has a payload: write {circle: value})"),
                Arguments.of(SHAPE, new WitVariant("square", 1),
                        "cannot convert WitVariant[caseName=square, value=1] to variant { circle(f64), empty } (no case \"square\")"),
                Arguments.of(SHAPE, new WitVariant("empty", 1),
                        "cannot convert WitVariant[caseName=empty, value=1] to variant { circle(f64), empty } (case \"empty\" has no payload)"),
                Arguments.of(SHAPE, new WitVariant("circle", "r"), "at .circle: cannot convert \"r\" to f64"),
                Arguments.of(new WitType.ResultType(WitType.U8, null), 1, "cannot convert 1 to result<u8> (a result is {ok: value} or {err: value})"),
                Arguments.of(new WitType.ResultType(WitType.U8, null), WitResult.err("e"),
                        "cannot convert WitResult[isOk=false, value=e] to result<u8> (error has no payload)"),
                Arguments.of(new WitType.ResultType(null, WitType.STRING), WitResult.ok(1),
                        "cannot convert WitResult[isOk=true, value=1] to result<_, string> (ok has no payload)"),
                Arguments.of(PERMS, "read", "cannot convert \"read\" to flags { read, write, exec } (flags are a list of flag names)"),
                Arguments.of(PERMS, List.of("read", "fly"), "cannot convert [read, fly] to flags { read, write, exec } (no flag \"fly\")"),
                Arguments.of(new WitType.Own(new ai.wippy.runtime.wit.ResourceType("r")), -1, "cannot convert -1 to own<r>"),
                Arguments.of(new WitType.Borrow(new ai.wippy.runtime.wit.ResourceType("r")), "1", "cannot convert \"1\" to borrow<r>"));
    }

    @ParameterizedTest
    @MethodSource("mismatches")
    void mismatchesNameTheParameterValueAndType(WitType type, Object given, String message) {
        assertThat(failure(type, given, false)).isEqualTo("parameter 0" + (message.startsWith("at ") ? " " : ": ") + message);
    }

    @Test
    void recordWithUnknownKey() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("x", 1);
        given.put("y", 2);
        given.put("z", 3);
        assertThat(failure(POINT, given, false))
                .isEqualTo("parameter 0: cannot convert {x=1, y=2, z=3} to record { x: s32, y: s32 } (unknown field \"z\")");
    }

    @Test
    void theIndexIsZeroBased() {
        List<WitFunction.Param> params = List.of(new WitFunction.Param("a", WitType.S32), new WitFunction.Param("b", WitType.S32));
        assertThatThrownBy(() -> ArgumentCoercion.coerce(params, List.of("1", "x"), true))
                .hasMessage("parameter 1: cannot convert \"x\" to s32");
        assertThat(ArgumentCoercion.coerce(params, List.of("1", "2"), true)).containsExactly(1, 2);
    }

    @Test
    void fixedLengthListsTakeExactlyTheirLength() {
        WitType u8x4 = new WitType.FixedListType(WitType.U8, 4);
        assertThat(one(u8x4, List.of(1, 2, 3, 4))).isEqualTo(List.of(1, 2, 3, 4));
        byte[] bytes = {1, 2, 3, 4};
        assertThat(one(u8x4, bytes)).isSameAs(bytes);
        assertThat(one(u8x4, "[1, 2, 3, 255]", true)).isEqualTo(List.of(1, 2, 3, 255));
        assertThat(failure(u8x4, List.of(1, 2, 3), false))
                .isEqualTo("parameter 0: cannot convert [1, 2, 3] to list<u8, 4> (expected exactly 4 elements, got 3)");
        assertThat(failure(u8x4, new byte[3], false)).endsWith("to list<u8, 4> (expected exactly 4 elements, got 3)");
        assertThat(failure(u8x4, List.of(1, 2, 3, 256), false)).isEqualTo("parameter 0 at [3]: 256 out of range for u8");
        WitType nested = new WitType.FixedListType(new WitType.FixedListType(WitType.U32, 2), 2);
        assertThat(failure(nested, "[[1, 2], [3]]", true)).startsWith("parameter 0 at [1]: cannot convert [3]")
                .endsWith("to list<u32, 2> (expected exactly 2 elements, got 1)");
        assertThat(failure(u8x4, "x", false)).isEqualTo(
                "parameter 0: cannot convert \"x\" to list<u8, 4> (a list<u8, 4> is a list of exactly 4 elements)");
    }

    @Test
    void mapsFromMapsKeysAndValuesCoercedInOrder() {
        WitType map = new WitType.MapType(WitType.U32, new WitType.ListType(WitType.STRING));
        Map<Object, Object> given = new LinkedHashMap<>();
        given.put(7, List.of("x"));
        given.put(1, List.of());
        Object m = one(map, given);
        assertThat(m).isInstanceOf(WitMap.class).isEqualTo(Map.of(7L, List.of("x"), 1L, List.of()));
        assertThat(List.copyOf(((Map<?, ?>) m).keySet())).isEqualTo(List.of(7L, 1L));
        assertThat(one(new WitType.MapType(WitType.STRING, WitType.U8), "{b: 1, a: 2}", true))
                .isEqualTo(Map.of("b", 1, "a", 2));
        assertThat(failure(map, Map.of(-1, List.of()), false)).isEqualTo("parameter 0 at [-1] (key): -1 out of range for u32");
        assertThat(failure(map, Map.of(1, List.of(5)), false)).isEqualTo("parameter 0 at [1][0]: cannot convert 5 to string");
        assertThat(failure(map, List.of(List.of(1, List.of())), false)).endsWith("(a map is a Map)");
        // a WitMap keeps its repeated keys
        WitMap repeated = WitMap.ofEntries(List.of(Map.entry(1, "a"), Map.entry(1, "b")));
        WitMap coerced = (WitMap) one(new WitType.MapType(WitType.U8, WitType.STRING), repeated);
        assertThat(coerced.entries()).hasToString("[1=a, 1=b]");
        assertThat(coerced).isEqualTo(Map.of(1, "b"));
    }
}
