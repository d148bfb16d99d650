package ai.wippy.runtime.abi;

import static ai.wippy.runtime.abi.CoreType.F32;
import static ai.wippy.runtime.abi.CoreType.F64;
import static ai.wippy.runtime.abi.CoreType.I32;
import static ai.wippy.runtime.abi.CoreType.I64;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden size, alignment and flattening values (CanonicalABI.md, definitions.py and its run_tests.py). */
class LayoutAndFlatteningTest {

    static WitType.RecordType record(Object... nameTypePairs) {
        List<WitType.Field> fields = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            fields.add(new WitType.Field((String) nameTypePairs[i], (WitType) nameTypePairs[i + 1]));
        }
        return new WitType.RecordType(fields);
    }

    static WitType.VariantType variant(Object... nameTypePairs) {
        List<WitType.Case> cases = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            cases.add(new WitType.Case((String) nameTypePairs[i], (WitType) nameTypePairs[i + 1]));
        }
        return new WitType.VariantType(cases);
    }

    static WitType.TupleType tuple(WitType... types) {
        return new WitType.TupleType(List.of(types));
    }

    static WitType.FlagsType flags(int n) {
        return new WitType.FlagsType(IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
    }

    static WitType.EnumType enumOf(int n) {
        return new WitType.EnumType(IntStream.range(0, n).mapToObj(i -> "c" + i).toList());
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(WitType.BOOL, 1, 1, List.of(I32)),
                Arguments.of(WitType.S8, 1, 1, List.of(I32)),
                Arguments.of(WitType.U8, 1, 1, List.of(I32)),
                Arguments.of(WitType.S16, 2, 2, List.of(I32)),
                Arguments.of(WitType.U16, 2, 2, List.of(I32)),
                Arguments.of(WitType.S32, 4, 4, List.of(I32)),
                Arguments.of(WitType.U32, 4, 4, List.of(I32)),
                Arguments.of(WitType.S64, 8, 8, List.of(I64)),
                Arguments.of(WitType.U64, 8, 8, List.of(I64)),
                Arguments.of(WitType.F32, 4, 4, List.of(F32)),
                Arguments.of(WitType.F64, 8, 8, List.of(F64)),
                Arguments.of(WitType.CHAR, 4, 4, List.of(I32)),
                Arguments.of(WitType.STRING, 8, 4, List.of(I32, I32)),
                Arguments.of(new WitType.ListType(WitType.F64), 8, 4, List.of(I32, I32)),
                Arguments.of(new WitType.Own(new ai.wippy.runtime.wit.ResourceType("r")), 4, 4, List.of(I32)),
                Arguments.of(new WitType.Borrow(new ai.wippy.runtime.wit.ResourceType("r")), 4, 4, List.of(I32)),
                // run_tests.py test_heap tuple layouts
                Arguments.of(tuple(WitType.U8, WitType.U8, WitType.U16, WitType.U32), 8, 4, List.of(I32, I32, I32, I32)),
                Arguments.of(tuple(WitType.U8, WitType.U16, WitType.U8, WitType.U32), 12, 4, List.of(I32, I32, I32, I32)),
                Arguments.of(tuple(WitType.U16, WitType.U8), 4, 2, List.of(I32, I32)),
                Arguments.of(tuple(tuple(WitType.U16, WitType.U8), WitType.U8), 6, 2, List.of(I32, I32, I32)),
                Arguments.of(record("a", WitType.U8, "b", WitType.STRING), 12, 4, List.of(I32, I32, I32)),
                Arguments.of(record("a", WitType.U8, "b", WitType.F64, "c", WitType.U8), 24, 8, List.of(I32, F64, I32)),
                // flags: 1, 2, 4 bytes up to 32 labels, then one i32 per 32 labels
                Arguments.of(flags(1), 1, 1, List.of(I32)),
                Arguments.of(flags(8), 1, 1, List.of(I32)),
                Arguments.of(flags(9), 2, 2, List.of(I32)),
                Arguments.of(flags(16), 2, 2, List.of(I32)),
                Arguments.of(flags(17), 4, 4, List.of(I32)),
                Arguments.of(flags(32), 4, 4, List.of(I32)),
                Arguments.of(flags(33), 8, 4, List.of(I32, I32)),
                Arguments.of(flags(65), 12, 4, List.of(I32, I32, I32)),
                // discriminant u8 up to 256 cases, u16 up to 65536
                Arguments.of(enumOf(2), 1, 1, List.of(I32)),
                Arguments.of(enumOf(256), 1, 1, List.of(I32)),
                Arguments.of(enumOf(257), 2, 2, List.of(I32)),
                Arguments.of(enumOf(65536), 2, 2, List.of(I32)),
                Arguments.of(enumOf(65537), 4, 4, List.of(I32)),
                // variants: payload after the discriminant at max case alignment; slots joined
                Arguments.of(new WitType.OptionType(WitType.F32), 8, 4, List.of(I32, F32)),
                Arguments.of(new WitType.OptionType(WitType.U8), 2, 1, List.of(I32, I32)),
                Arguments.of(new WitType.OptionType(WitType.STRING), 12, 4, List.of(I32, I32, I32)),
                Arguments.of(new WitType.OptionType(WitType.U64), 16, 8, List.of(I32, I64)),
                Arguments.of(new WitType.ResultType(null, null), 1, 1, List.of(I32)),
                Arguments.of(new WitType.ResultType(WitType.U8, WitType.U32), 8, 4, List.of(I32, I32)),
                Arguments.of(new WitType.ResultType(WitType.U32, WitType.F32), 8, 4, List.of(I32, I32)),
                Arguments.of(new WitType.ResultType(WitType.F32, WitType.F64), 16, 8, List.of(I32, I64)),
                Arguments.of(new WitType.ResultType(WitType.STRING, WitType.U64), 16, 8, List.of(I32, I64, I32)),
                Arguments.of(variant("x", WitType.U8, "y", WitType.F32, "z", null), 8, 4, List.of(I32, I32)),
                Arguments.of(variant("a", WitType.F32, "b", WitType.F32), 8, 4, List.of(I32, F32)),
                Arguments.of(variant("a", WitType.F64, "b", WitType.S32), 16, 8, List.of(I32, I64)),
                Arguments.of(variant("a", tuple(WitType.F32, WitType.U32), "b", tuple(WitType.U64, WitType.F64)), 24, 8,
                        List.of(I32, I64, I64)),
                Arguments.of(new WitType.ResultType(new WitType.ListType(WitType.STRING),
                        variant("e", WitType.U8, "f", null)), 12, 4, List.of(I32, I32, I32)));
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void sizeAlignmentAndFlattening(WitType t, int size, int alignment, List<CoreType> flat) {
        assertThat(CanonicalAbi.size(t)).as("size of %s", t).isEqualTo(size);
        assertThat(CanonicalAbi.alignment(t)).as("alignment of %s", t).isEqualTo(alignment);
        assertThat(CanonicalAbi.flatten(t)).as("flatten %s", t).isEqualTo(flat);
    }

    @Test
    void joinFollowsTheSpec() {
        assertThat(CoreType.join(I32, I32)).isEqualTo(I32);
        assertThat(CoreType.join(I32, F32)).isEqualTo(I32);
        assertThat(CoreType.join(F32, I32)).isEqualTo(I32);
        assertThat(CoreType.join(F32, F32)).isEqualTo(F32);
        assertThat(CoreType.join(F32, F64)).isEqualTo(I64);
        assertThat(CoreType.join(I32, I64)).isEqualTo(I64);
        assertThat(CoreType.join(I32, F64)).isEqualTo(I64);
        assertThat(CoreType.join(F64, F64)).isEqualTo(F64);
    }

    private static WitFunction function(List<WitType> params, List<WitType> results) {
        List<WitFunction.Param> ps = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ps.add(new WitFunction.Param("p" + i, params.get(i)));
        }
        return new WitFunction("f", ps, results);
    }

    static Stream<Arguments> functions() {
        List<WitType> u8f32f64 = List.of(WitType.U8, WitType.F32, WitType.F64);
        List<WitType> seventeen = Collections.nCopies(17, WitType.U8);
        return Stream.of(
                // run_tests.py test_flatten
                Arguments.of(u8f32f64, List.of(), List.of(I32, F32, F64), List.of(), List.of(I32, F32, F64), List.of()),
                Arguments.of(u8f32f64, List.of(WitType.F32), List.of(I32, F32, F64), List.of(F32), List.of(I32, F32, F64), List.of(F32)),
                Arguments.of(u8f32f64, List.of(WitType.U8), List.of(I32, F32, F64), List.of(I32), List.of(I32, F32, F64), List.of(I32)),
                Arguments.of(u8f32f64, List.of(tuple(WitType.F32)), List.of(I32, F32, F64), List.of(F32), List.of(I32, F32, F64), List.of(F32)),
                Arguments.of(u8f32f64, List.of(tuple(WitType.F32, WitType.F32)), List.of(I32, F32, F64), List.of(I32),
                        List.of(I32, F32, F64, I32), List.of()),
                Arguments.of(u8f32f64, List.of(WitType.F32, WitType.F32), List.of(I32, F32, F64), List.of(I32),
                        List.of(I32, F32, F64, I32), List.of()),
                Arguments.of(seventeen, List.of(), List.of(I32), List.of(), List.of(I32), List.of()),
                Arguments.of(seventeen, List.of(tuple(WitType.U8, WitType.U8)), List.of(I32), List.of(I32), List.of(I32, I32), List.of()),
                Arguments.of(Collections.nCopies(16, WitType.U8), List.of(WitType.STRING),
                        Collections.nCopies(16, I32), List.of(I32), Collections.nCopies(17, I32), List.of()),
                Arguments.of(Collections.nCopies(8, WitType.STRING), List.of(), Collections.nCopies(16, I32), List.of(),
                        Collections.nCopies(16, I32), List.of()));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void flattenFunctionInBothDirections(List<WitType> params, List<WitType> results, List<CoreType> liftParams,
                                         List<CoreType> liftResults, List<CoreType> lowerParams, List<CoreType> lowerResults) {
        WitFunction f = function(params, results);
        FlatSignature lift = CanonicalAbi.flattenFunction(f, Direction.LIFT);
        FlatSignature lower = CanonicalAbi.flattenFunction(f, Direction.LOWER);
        assertThat(lift.params()).isEqualTo(liftParams);
        assertThat(lift.results()).isEqualTo(liftResults);
        assertThat(lower.params()).isEqualTo(lowerParams);
        assertThat(lower.results()).isEqualTo(lowerResults);
        boolean spilled = params.stream().mapToInt(t -> CanonicalAbi.flatten(t).size()).sum() > CanonicalAbi.MAX_FLAT_PARAMS;
        assertThat(lift.paramsInMemory()).isEqualTo(spilled);
        assertThat(lower.paramsInMemory()).isEqualTo(spilled);
        assertThat(lower.resultsInMemory()).isEqualTo(lift.resultsInMemory());
    }

    @Test
    void witSyntaxOfTypes() {
        assertThat(new WitType.ListType(WitType.S32)).hasToString("list<s32>");
        assertThat(new WitType.ResultType(WitType.STRING, WitType.U8)).hasToString("result<string, u8>");
        assertThat(variant("a", WitType.U8, "b", null)).hasToString("variant { a(u8), b }");
        assertThat(record("a", WitType.U8)).hasToString("record { a: u8 }");
        assertThat(flags(2)).hasToString("flags { f0, f1 }");
        assertThat(new WitType.Borrow(new ai.wippy.runtime.wit.ResourceType("file"))).hasToString("borrow<file>");
        assertThat(new WitFunction("add", List.of(new WitFunction.Param("a", WitType.S32)), List.of(WitType.S32)))
                .hasToString("add: func(a: s32) -> s32");
    }
}
