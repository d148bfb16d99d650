package ai.wippy.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.Expectation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -Dwippy.test.shard=k/n}: deterministic, complete, balanced, stable under added tests. */
class TestShardTest {

    private static TestCase test(String id) {
        return new TestCase(id, "wasm", null, "app:target", List.of(), 1000, Expectation.NONE, false);
    }

    private static List<TestCase> tests(int n, String prefix) {
        return IntStream.range(0, n).mapToObj(i -> test(prefix + ":test_" + i)).toList();
    }

    private static Map<String, Integer> assignment(List<TestCase> tests, int total) {
        Map<String, Integer> shardOf = new HashMap<>();
        for (int k = 1; k <= total; k++) {
            for (TestCase t : new TestShard(k, total).select(tests)) {
                assertThat(shardOf.put(t.id(), k)).as("%s is in one shard only", t.id()).isNull();
            }
        }
        return shardOf;
    }

    @Test
    void parsesKOfN() {
        assertThat(TestShard.parse(null)).isEqualTo(TestShard.ALL);
        assertThat(TestShard.parse(" ")).isEqualTo(TestShard.ALL);
        assertThat(TestShard.parse("2/4")).isEqualTo(new TestShard(2, 4));
        assertThat(TestShard.parse(" 1 / 1 ")).isEqualTo(TestShard.ALL);
        assertThat(new TestShard(2, 4).toString()).isEqualTo("2/4");
        assertThat(new TestShard(2, 4).fileSuffix()).isEqualTo("-shard-2-of-4");
        assertThat(TestShard.ALL.fileSuffix()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/2", "0/2", "2/0", "0/0", "2", "a/b", "1/2/3", "-1/2", "1.5/2", "99999999999/2"})
    void aBadShardSaysWhatToWrite(String text) {
        assertThatThrownBy(() -> TestShard.parse(text)).isInstanceOf(WippyException.class)
                .satisfies(e -> assertThat(((WippyException) e).isUserError()).isTrue())
                .hasMessage("wippy.test.shard must be k/n with 1 <= k <= n (shard k of n, e.g. 2/4), got " + text);
    }

    @Test
    void everyTestRunsInExactlyOneShardAndTheShardsAreBalanced() {
        Random random = new Random(10);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(60);
            int total = 1 + random.nextInt(8);
            List<TestCase> tests = tests(n, "ns" + round);
            Map<String, Integer> shardOf = assignment(tests, total);
            assertThat(shardOf).hasSize(n);
            int[] sizes = new int[total];
            shardOf.values().forEach(k -> sizes[k - 1]++);
            int min = IntStream.of(sizes).min().orElse(0);
            int max = IntStream.of(sizes).max().orElse(0);
            assertThat(max - min).as("sizes %s", java.util.Arrays.toString(sizes)).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theSplitDependsOnTheIdsNotOnTheirOrder() {
        List<TestCase> tests = new ArrayList<>(tests(40, "app"));
        Map<String, Integer> before = assignment(tests, 4);
        java.util.Collections.shuffle(tests, new Random(3));
        assertThat(assignment(tests, 4)).isEqualTo(before);
        // and a shard keeps the order it was given
        List<TestCase> shard = new TestShard(2, 4).select(tests);
        assertThat(shard).isEqualTo(tests.stream().filter(shard::contains).toList());
    }

    @Test
    void addingATestMovesAtMostOneTestPerCut() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int total = 2 + random.nextInt(6);
            List<TestCase> tests = new ArrayList<>(tests(random.nextInt(80), "r" + round));
            Map<String, Integer> before = assignment(tests, total);
            tests.add(test("r" + round + ":added_" + random.nextInt(1000)));
            Map<String, Integer> after = assignment(tests, total);
            long moved = before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).count();
            assertThat(moved).isLessThanOrEqualTo(total - 1);
        }
        // by position instead, appending would move about half of 100 tests over 4 shards; by ID:
        List<TestCase> many = new ArrayList<>(tests(100, "app"));
        Map<String, Integer> before = assignment(many, 4);
        many.add(0, test("app:a_new_first_test"));
        Map<String, Integer> after = assignment(many, 4);
        assertThat(before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).count()).isLessThanOrEqualTo(3);
    }

    @Test
    void moreShardsThanTestsLeavesSomeShardsEmpty() {
        List<TestCase> two = tests(2, "app");
        assertThat(assignment(two, 5)).hasSize(2);
        long empty = IntStream.rangeClosed(1, 5).filter(k -> new TestShard(k, 5).select(two).isEmpty()).count();
        assertThat(empty).isEqualTo(3);
    }
}
