package ai.wippy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Durations as users type them, which of two budgets applies, and the name a timeout gives. */
class TimeLimitTest {

    @Test
    void durationsAreMillisecondsOrANumberWithAUnit() {
        assertThat(TimeLimit.parseMillis("30000", "p")).isEqualTo(30_000);
        assertThat(TimeLimit.parseMillis("250ms", "p")).isEqualTo(250);
        assertThat(TimeLimit.parseMillis("90s", "p")).isEqualTo(90_000);
        assertThat(TimeLimit.parseMillis("10m", "p")).isEqualTo(600_000);
        assertThat(TimeLimit.parseMillis("10min", "p")).isEqualTo(600_000);
        assertThat(TimeLimit.parseMillis(" 2 H ", "p")).isEqualTo(7_200_000);
        assertThat(TimeLimit.parseMillis("0", "p")).isZero();
    }

    @Test
    void anythingElseIsRefusedNamingTheProperty() {
        for (String bad : new String[] {"soon", "-5", "1.5s", "10d", "", "s"}) {
            assertThatThrownBy(() -> TimeLimit.parseMillis(bad, "wippy.timeout"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("wippy.timeout must be a duration such as 30000 (milliseconds), 90s, 10m or 1h"
                            + " (0 for no limit), got: " + bad);
        }
        // at most 12 digits: even in hours the milliseconds fit a long
        assertThat(TimeLimit.parseMillis("999999999999h", "p")).isEqualTo(999_999_999_999L * 3_600_000L);
        assertThatThrownBy(() -> TimeLimit.parseMillis("9999999999999", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTighterBudgetAppliesAndOnATieTheEntrysOwnIsNamed() {
        TimeLimit entry = TimeLimit.ofEntry(500);
        TimeLimit test = new TimeLimit(300, "timeout_ms of test t:x");
        assertThat(entry.tightest(test)).isSameAs(test);
        assertThat(TimeLimit.ofEntry(200).tightest(test).name()).isEqualTo("limits.max_execution_ms");
        assertThat(entry.tightest(new TimeLimit(500, "other"))).isSameAs(entry);
        assertThat(TimeLimit.ofEntry(0).tightest(test)).isSameAs(test);
        assertThat(entry.tightest(TimeLimit.NONE)).isSameAs(entry);
        assertThat(TimeLimit.ofEntry(0).tightest(TimeLimit.NONE).isNone()).isTrue();
    }

    @Test
    void theTimeoutMessageNamesTheLimit() {
        assertThat(TimeLimit.ofEntry(700).timeoutMessage())
                .isEqualTo("execution timed out after 700 ms (limits.max_execution_ms)");
        assertThat(new TimeLimit(300, "timeout_ms of test t:x").timeoutMessage())
                .isEqualTo("execution timed out after 300 ms (timeout_ms of test t:x)");
    }
}
