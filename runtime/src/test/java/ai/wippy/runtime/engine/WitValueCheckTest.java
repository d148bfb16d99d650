package ai.wippy.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitType;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison the fixture and round-trip tests rely on finds what it must find. */
class WitValueCheckTest {

    private static String diff(WitType t, Object want, Object got) {
        return WitValueCheck.diff(t, want, got, new WitValueCheck.Handles());
    }

    @Test
    void numbersCompareByValueAndModelClass() {
        assertThat(diff(WitType.U32, 5L, 5L)).isNull();
        assertThat(diff(WitType.U32, 5L, 5)).contains("expected 5 (Long), got 5 (Integer)");
        assertThat(diff(WitType.S32, 5, 5L)).isNotNull();
        assertThat(diff(WitType.U64, new BigInteger("18446744073709551615"), -1L)).isNotNull();
        assertThat(diff(WitType.U64, WitValueCheck.expected(WitType.U64, new BigInteger("9223372036854775807")),
                Long.MAX_VALUE)).isNull();
        assertThat(WitValueCheck.expected(WitType.U64, new BigInteger("9223372036854775808"))).isInstanceOf(BigInteger.class);
    }

    @Test
    void floatsDistinguishNegativeZeroAndMatchAnyNaN() {
        assertThat(diff(WitType.F64, -0.0, 0.0)).isNotNull();
        assertThat(diff(WitType.F64, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L))).isNull();
        assertThat(diff(WitType.F32, Float.NaN, Float.intBitsToFloat(0xffc00001))).isNull();
        assertThat(diff(WitType.F32, 1.5f, 1.5)).isNotNull(); // a Double for an f32
        assertThat(WitValueCheck.expected(WitType.F32, "-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(WitValueCheck.expected(WitType.F32, 0.10000000149011612)).isEqualTo(0.1f);
    }

    @Test
    void compoundValuesNameThePathOfTheDifference() {
        WitType.RecordType point = new WitType.RecordType(List.of(new WitType.Field("x", WitType.S32),
                new WitType.Field("y", WitType.S32)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x", 1);
        p.put("y", 2);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("y", 2);
        q.put("x", 1);
        assertThat(diff(point, p, p)).isNull();
        assertThat(diff(point, p, q)).contains("record fields");
        Map<String, Object> r = new LinkedHashMap<>(p);
        r.put("y", 3);
        assertThat(diff(new WitType.ListType(point), List.of(p, p), List.of(p, r))).contains("at [1].y");
        assertThat(diff(new WitType.ListType(point), List.of(p), List.of(p, p))).contains("length 2 instead of 1");

        WitType.VariantType v = new WitType.VariantType(List.of(new WitType.Case("none", null),
                new WitType.Case("int", WitType.S32)));
        assertThat(diff(v, Collections.singletonMap("none", null), Collections.singletonMap("none", null))).isNull();
        assertThat(diff(v, Map.of("int", 1), Collections.singletonMap("none", null))).contains("case none instead of int");
        WitType.OptionType oo = new WitType.OptionType(new WitType.OptionType(WitType.U8));
        assertThat(diff(oo, Collections.singletonMap("none", null), null)).isNotNull();
        assertThat(diff(oo, Map.of("some", 5), Map.of("some", 5))).isNull();
        WitType.ResultType res = new WitType.ResultType(null, WitType.STRING);
        assertThat(diff(res, Collections.singletonMap("ok", null), Map.of("ok", "x"))).contains("a payload where there is none");
        WitType.FlagsType f = new WitType.FlagsType(List.of("a", "b"));
        assertThat(diff(f, List.of("a", "b"), List.of("b", "a"))).isNotNull();
        assertThat(diff(WitType.CHAR, "😀", "😀")).isNull();
        assertThat(diff(WitType.CHAR, "a", "ab")).contains("not a char");
    }

    @Test
    void handlesAreBoundByTheFirstResultAndMustBeDistinct() {
        ResourceType counter = new ResourceType("counter");
        WitType own = new WitType.Own(counter);
        WitValueCheck.Handles handles = new WitValueCheck.Handles();
        ResourceHandle a = new ResourceHandle(counter, 1, true);
        ResourceHandle b = new ResourceHandle(counter, 2, true);
        Object want = WitValueCheck.expected(new WitType.ListType(own),
                List.of(Map.of("handle", "c1"), Map.of("handle", "c2")));
        assertThat(WitValueCheck.diff(new WitType.ListType(own), want, List.of(a, a), handles)).contains("is the same as c1");
        assertThat(handles.byName).isEmpty();
        assertThat(WitValueCheck.diff(new WitType.ListType(own), want, List.of(a, b), handles)).isNull();
        assertThat(handles.get("c2")).isEqualTo(b);
        assertThat(WitValueCheck.diff(own, WitValueCheck.expected(own, Map.of("handle", "c1")), b, handles))
                .contains("instead of c1");
        assertThat(WitValueCheck.diff(own, WitValueCheck.expected(own, Map.of("handle", "c3")),
                new ResourceHandle(counter, 3, false), handles)).contains("a borrowed handle");
    }
}
