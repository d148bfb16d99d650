package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvParserTest {

    @Test
    void parsesKeyValueLinesCommentsQuotesAndExport() {
        DotEnvParser.Result result = DotEnvParser.parse("""
                # a comment
                A=1
                export B = two words
                C="quoted # not a comment\\nnext"
                D='single'
                E=value # comment
                F=
                \r
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.values()).isEqualTo(Map.of("A", "1", "B", "two words",
                "C", "quoted # not a comment\nnext", "D", "single", "E", "value", "F", ""));
    }

    @Test
    void malformedLinesAreErrorsWithLineNumbers() {
        DotEnvParser.Result result = DotEnvParser.parse("OK=1\nnot a pair\n=nokey\n1BAD=x\n");
        assertThat(result.values()).isEqualTo(Map.of("OK", "1"));
        assertThat(result.errors()).isEqualTo(List.of("line 2: expected KEY=VALUE",
                "line 3: expected KEY=VALUE", "line 4: expected KEY=VALUE"));
    }
}
