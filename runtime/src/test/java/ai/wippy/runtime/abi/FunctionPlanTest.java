package ai.wippy.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan API: caching, and the bulk paths' values in the value model. */
class FunctionPlanTest {

    private static WitFunction f(WitType param, WitType result) {
        return new WitFunction("f", List.of(new WitFunction.Param("p", param)), List.of(result));
    }

    @Test
    void plansAreCachedPerFunctionObjectEncodingAndDirection() {
        WitFunction f = f(WitType.STRING, WitType.U32);
        FunctionPlan lift = FunctionPlan.of(f, StringEncoding.UTF8, Direction.LIFT);
        assertThat(FunctionPlan.of(f, StringEncoding.UTF8, Direction.LIFT)).isSameAs(lift);
        assertThat(CanonicalAbi.plan(f, null, Direction.LIFT)).isSameAs(lift);
        assertThat(FunctionPlan.of(f, StringEncoding.UTF8, Direction.LOWER)).isNotSameAs(lift);
        assertThat(FunctionPlan.of(f, StringEncoding.UTF16, Direction.LIFT)).isNotSameAs(lift);
        // an equal function is another key: plans are keyed by identity
        assertThat(FunctionPlan.of(f(WitType.STRING, WitType.U32), StringEncoding.UTF8, Direction.LIFT)).isNotSameAs(lift);
        assertThat(lift.signature()).isEqualTo(CanonicalAbi.flattenFunction(f, Direction.LIFT));
        assertThat(lift.direction()).isEqualTo(Direction.LIFT);
        assertThat(lift.encoding()).isEqualTo(StringEncoding.UTF8);
    }

    @Test
    void identityCacheIsBoundedAndKeyedByIdentity() {
        IdentityCache<List<Integer>, String> cache = new IdentityCache<>(3);
        List<Integer> a = new ArrayList<>(List.of(1));
        List<Integer> b = new ArrayList<>(List.of(1)); // equal to a, another key
        assertThat(cache.get(a, k -> "a")).isEqualTo("a");
        assertThat(cache.get(b, k -> "b")).isEqualTo("b");
        assertThat(cache.get(a, k -> "again")).isEqualTo("a");
        assertThat(cache.size()).isEqualTo(2);
        cache.get(new ArrayList<>(), k -> "c");
        cache.get(new ArrayList<>(), k -> "d"); // full: starts afresh
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void byteListsComeBackAsListsOfIntegersAndGoBackInOneCopy() {
        ByteArrayMemory memory = new ByteArrayMemory(4096);
        memory.put(100, 0, 1, 127, 128, 255);
        WitFunction u8s = f(new WitType.ListType(WitType.U8), WitType.U32);
        FunctionPlan lower = FunctionPlan.of(u8s, StringEncoding.UTF8, Direction.LOWER);
        @SuppressWarnings("unchecked")
        List<Object> lifted = (List<Object>) lower.liftArguments(new long[] {100, 5}, memory, null).get(0);
        assertThat(lifted).isEqualTo(List.of(0, 1, 127, 128, 255)).hasToString("[0, 1, 127, 128, 255]");
        assertThat(lifted.get(3)).isInstanceOf(Integer.class);
        assertThatThrownBy(() -> lifted.set(0, 1)).isInstanceOf(UnsupportedOperationException.class);

        WitFunction s8s = f(new WitType.ListType(WitType.S8), WitType.U32);
        @SuppressWarnings("unchecked")
        List<Object> signed = (List<Object>) FunctionPlan.of(s8s, null, Direction.LOWER)
                .liftArguments(new long[] {100, 5}, memory, null).get(0);
        assertThat(signed).isEqualTo(List.of(0, 1, 127, -128, -1));

        BumpAllocator allocator = new BumpAllocator(1000);
        FunctionPlan lift = FunctionPlan.of(u8s, null, Direction.LIFT);
        long[] core = lift.lowerArguments(List.of(lifted), memory, allocator, null);
        assertThat(core).containsExactly(1000, 5);
        assertThat(java.util.Arrays.copyOfRange(memory.bytes, 1000, 1005)).containsExactly(0, 1, 127, -128, -1);
        // a u8 list is no s8 list: 128 and 255 are out of range for s8
        assertThatThrownBy(() -> FunctionPlan.of(s8s, null, Direction.LIFT).lowerArguments(List.of(lifted), memory,
                allocator, null)).hasMessage("cannot lower 128 (Integer) as s8: out of range");
    }

    @Test
    void numberListsAndPureRecordsRoundTrip() {
        ByteArrayMemory memory = new ByteArrayMemory(1 << 18);
        BumpAllocator allocator = new BumpAllocator(1024);
        WitType point = new WitType.RecordType(List.of(new WitType.Field("x", WitType.S32), new WitType.Field("y", WitType.F64)));
        WitFunction f = f(new WitType.ListType(point), WitType.U64);
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            points.add(Map.of("x", -i, "y", i / 2.0));
        }
        long[] core = FunctionPlan.of(f, null, Direction.LIFT).lowerArguments(List.of(points), memory, allocator, null);
        List<Object> back = FunctionPlan.of(f, null, Direction.LOWER).liftArguments(core, memory, null);
        assertThat(back).containsExactly(points);
    }
}
