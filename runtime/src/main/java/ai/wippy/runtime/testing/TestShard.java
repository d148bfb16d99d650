package ai.wippy.runtime.testing;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code total} ({@code -Dwippy.test.shard=k/n}): a part of the selected
 * tests, so that one suite can be spread over the machines of a CI matrix (as Playwright's and
 * Jest's {@code --shard}).
 *
 * <p>The split is by test ID, not by position: tests are ordered by the SHA-256 of their ID and
 * the order is cut into {@code total} runs whose sizes differ by at most one. So every machine
 * computes the same split from the IDs alone, every test lands in exactly one shard, the shards are
 * balanced, and adding or removing a test moves at most {@code total - 1} other tests to another
 * shard (each cut shifts by at most one place); a split by position would move most of them.
 */
public record TestShard(int index, int total) {

    /** No sharding: the one shard that holds every test. */
    public static final TestShard ALL = new TestShard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public TestShard {
        if (total < 1 || index < 1 || index > total) {
            throw invalid(index + "/" + total);
        }
    }

    /** {@code k/n}; null or blank is {@link #ALL}. A user's mistake says what to write instead. */
    public static TestShard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw invalid(text.trim());
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || k < 1 || k > n) {
            throw invalid(text.trim());
        }
        return new TestShard(k, n);
    }

    private static WippyException invalid(String got) {
        return WippyException.user("wippy.test.shard must be k/n with 1 <= k <= n (shard k of n, e.g. 2/4), got " + got);
    }

    public boolean isAll() {
        return total == 1;
    }

    /** This shard's tests, in the order they were given. */
    public List<TestCase> select(List<TestCase> tests) {
        if (isAll()) {
            return List.copyOf(tests);
        }
        List<TestCase> byHash = new ArrayList<>(tests);
        byHash.sort(Comparator.comparing((TestCase t) -> Sha256.hex(t.id().getBytes(StandardCharsets.UTF_8)))
                .thenComparing(TestCase::id));
        int n = byHash.size();
        int from = cut(index - 1, n);
        int to = cut(index, n);
        Set<TestCase> mine = new HashSet<>(byHash.subList(from, to));
        return tests.stream().filter(mine::contains).toList();
    }

    /** Where shard {@code i} (0-based) starts: the first {@code n % total} shards get one test more. */
    private int cut(int i, int n) {
        return i * (n / total) + Math.min(i, n % total);
    }

    /** Part of a report's file name, so that the reports of all shards can be gathered in one directory. */
    public String fileSuffix() {
        return isAll() ? "" : "-shard-" + index + "-of-" + total;
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
