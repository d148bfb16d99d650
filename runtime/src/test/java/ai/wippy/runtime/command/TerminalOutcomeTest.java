package ai.wippy.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.process.ProcessResult;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalOutcomeTest {

    @Test
    void followsWippysTerminalRules() {
        assertThat(TerminalOutcome.of(ProcessResult.ofValue("hi"))).isEqualTo(new TerminalOutcome(0, "hi\n", null));
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(null))).isEqualTo(new TerminalOutcome(0, null, null));
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(42)).exitCode()).isEqualTo(42);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(7L)).exitCode()).isEqualTo(7);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(3.0)).exitCode()).isEqualTo(3);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(Double.NaN)).exitCode()).isEqualTo(1);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(Double.POSITIVE_INFINITY)).exitCode()).isEqualTo(1);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(2.5)).exitCode()).isEqualTo(1);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(new BigInteger("18446744073709551615"))).exitCode()).isEqualTo(1);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(true)).exitCode()).isZero();
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(false)).exitCode()).isEqualTo(1);
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(List.of(1)))).isEqualTo(new TerminalOutcome(0, "[1]\n", null));
        // values that are neither string, number nor bool print as one line of JSON (SPEC 6.1)
        java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("name", "a \"b\"\n");
        record.put("tags", List.of("x", "y"));
        record.put("ratio", Double.NaN);
        record.put("next", null);
        record.put("ok", java.util.Map.of("ok", 1.5));
        assertThat(TerminalOutcome.of(ProcessResult.ofValue(record))).isEqualTo(new TerminalOutcome(0,
                "{\"name\":\"a \\\"b\\\"\\n\",\"tags\":[\"x\",\"y\"],\"ratio\":\"NaN\",\"next\":null,\"ok\":{\"ok\":1.5}}\n",
                null));
        assertThat(TerminalOutcome.of(ProcessResult.ofExit(5))).isEqualTo(new TerminalOutcome(5, null, null));
        assertThat(TerminalOutcome.of(ProcessResult.ofExit(0)).exitCode()).isZero();
        assertThat(TerminalOutcome.of(ProcessResult.ofError("failed: boom")))
                .isEqualTo(new TerminalOutcome(1, null, "failed: boom\n"));
    }

    @Test
    void dropsARepeatedPrefixFromErrors() {
        assertThat(TerminalOutcome.dedupePrefixes("failed: failed: x")).isEqualTo("failed: x");
        assertThat(TerminalOutcome.dedupePrefixes("a: b: c")).isEqualTo("a: b: c");
    }

    @Test
    void splitsArgumentsLikeAShell() {
        assertThat(ArgumentLine.split("a b 'c d'")).containsExactly("a", "b", "c d");
        assertThat(ArgumentLine.split("  \"x \\\" y\"  z\\ w ''")).containsExactly("x \" y", "z w", "");
        assertThat(ArgumentLine.split(null)).isEmpty();
        assertThat(ArgumentLine.split("   ")).isEmpty();
        assertThatThrownBy(() -> ArgumentLine.split("a 'b"))
                .isInstanceOf(WippyException.class).hasMessage("wippy.args has an unterminated ' quote: a 'b");
        assertThatThrownBy(() -> ArgumentLine.split("\"b"))
                .isInstanceOf(WippyException.class).hasMessage("wippy.args has an unterminated \" quote: \"b");
    }

    @Test
    void notFoundMessageIsSpecs() {
        assertThat(CommandCatalog.notFound("x"))
                .isEqualTo("command \"x\" not found. Use 'mvn wippy:run -Dcommand=list' to see available commands");
        assertThat(CommandCatalog.format(List.of()).get(0)).isEqualTo("No commands found.");
    }
}
