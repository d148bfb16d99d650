package ai.wippy.runtime.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.WippyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WitSignaturesTest {

    private static WitFunction only(String text) {
        Map<String, WitFunction> fs = WitSignatures.parse(text);
        assertThat(fs).hasSize(1);
        return fs.values().iterator().next();
    }

    @Test
    void parsesTheWippyExample() {
        WitFunction f = only("answer: func() -> s32;");
        assertThat(f.name()).isEqualTo("answer");
        assertThat(f.params()).isEmpty();
        assertThat(f.results()).containsExactly(WitType.S32);
    }

    @Test
    void parsesSeveralItemsInOrderWithCommentsAndNewlinesAnywhere() {
        Map<String, WitFunction> fs = WitSignatures.parse("""
                // leading comment
                run: func() -> s32;
                /* block
                   comment */ export echo : func (
                     v : s32 , // trailing comma follows
                   ) -> s32 ;
                do_things: func(a-b: string, c_d: list<u8>)
                """);
        assertThat(fs.keySet()).containsExactly("run", "echo", "do_things");
        assertThat(fs.get("echo").params()).containsExactly(new WitFunction.Param("v", WitType.S32));
        assertThat(fs.get("do_things").params()).containsExactly(
                new WitFunction.Param("a-b", WitType.STRING),
                new WitFunction.Param("c_d", new WitType.ListType(WitType.U8)));
        assertThat(fs.get("do_things").results()).isEmpty();
    }

    @Test
    void parsesEveryPrimitive() {
        WitFunction f = only("f: func(a: bool, b: s8, c: u8, d: s16, e: u16, g: s32, h: u32, i: s64, j: u64,"
                + " k: f32, l: f64, m: char, n: string, o: float32, p: float64)");
        assertThat(f.paramTypes()).containsExactly(WitType.BOOL, WitType.S8, WitType.U8, WitType.S16, WitType.U16,
                WitType.S32, WitType.U32, WitType.S64, WitType.U64, WitType.F32, WitType.F64, WitType.CHAR,
                WitType.STRING, WitType.F32, WitType.F64);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "list<s32>|list<s32>",
        "list<list<string>>|list<list<string>>",
        "tuple<u8, string>|tuple<u8, string>",
        "option<u64>|option<u64>",
        "option<option<u8>>|option<option<u8>>",
        "result|result",
        "result<string>|result<string>",
        "result<_, u8>|result<_, u8>",
        "result<string, u8>|result<string, u8>",
        "result<list<u8>, tuple<s32, s32>>|result<list<u8>, tuple<s32, s32>>",
        "list<u8, 4>|list<u8, 4>",
        "list<list<u32,2>,2>|list<list<u32, 2>, 2>",
        "map<string, u32>|map<string, u32>",
        "map<u32, list<string>>|map<u32, list<string>>",
    })
    void parsesCompoundTypesAndPrintsThemBack(String type, String printed) {
        WitType t = only("f: func(x: " + type + ")").params().get(0).type();
        assertThat(t.toString()).isEqualTo(printed);
    }

    @Test
    void resultFormsHaveTheRightSides() {
        WitFunction f = only("f: func(a: result, b: result<u8>, c: result<_, s8>, d: result<u8, s8>)");
        assertThat(f.paramTypes()).containsExactly(
                new WitType.ResultType(null, null),
                new WitType.ResultType(WitType.U8, null),
                new WitType.ResultType(null, WitType.S8),
                new WitType.ResultType(WitType.U8, WitType.S8));
    }

    @Test
    void parsesNamedResultLists() {
        WitFunction f = only("f: func() -> (a: s32, b: string);");
        assertThat(f.results()).containsExactly(WitType.S32, WitType.STRING);
        assertThat(only("g: func() -> ()").results()).isEmpty();
        assertThat(f.toString()).isEqualTo("f: func() -> (s32, string)");
    }

    @Test
    void acceptsKeywordEscapesAndFunctionsNamedLikeKeywords() {
        Map<String, WitFunction> fs = WitSignatures.parse("%type: func(%list: u8); world: func(); export: func();");
        assertThat(fs.keySet()).containsExactly("type", "world", "export");
        assertThat(fs.get("type").params().get(0).name()).isEqualTo("list");
    }

    @Test
    void skipsPackageAndEntersWorldAndInterfaceBlocks() {
        Map<String, WitFunction> fs = WitSignatures.parse("""
                package my:pkg@1.0.0;
                world w {
                  export add: func(a: s32, b: s32) -> s32;
                }
                interface i { sub: func(a: s32) -> s32; }
                """);
        assertThat(fs.keySet()).containsExactly("add", "sub");
    }

    @Test
    void errorIsAUserErrorWithLineAndColumn() {
        assertThatThrownBy(() -> WitSignatures.parse("ok: func();\n  bad: func(x: foo);"))
                .isInstanceOf(WitSyntaxException.class)
                .isInstanceOf(WippyException.class)
                .hasMessageStartingWith("line 2, column 16: unknown type \"foo\" (named types cannot be declared")
                .satisfies(e -> {
                    WitSyntaxException w = (WitSyntaxException) e;
                    assertThat(w.isUserError()).isTrue();
                    assertThat(w.line()).isEqualTo(2);
                    assertThat(w.column()).isEqualTo(16);
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "answer func()|line 1, column 8: expected ':', found \"func\"",
        "answer: fun()|line 1, column 9: expected 'func', found \"fun\"",
        "answer: func|line 1, column 13: expected '(', found end of text",
        "f: func(a s32)|line 1, column 11: expected ':', found \"s32\"",
        "f: func(a: s32 b: s32)|line 1, column 16: expected ',' or ')', found \"b\"",
        "f: func(: s32)|line 1, column 9: expected a parameter name or ')', found ':'",
        "f: func() ->|line 1, column 13: expected a type, found end of text",
        "f: func(1a: u8)|line 1, column 9: expected a parameter name or ')', found \"1a\"",
        "f: func() -> list<u8|line 1, column 21: expected '>', found end of text",
        "f: func(x: list<u8, 0>)|line 1, column 21: expected the length of a fixed-length list (1 to 2147483647), found \"0\"",
        "f: func(x: map<f32, u8>)|line 1, column 12: a map key is a bool, an integer, char or string, not f32",
        "f: func() -> list|line 1, column 18: expected '<', found end of text",
        "f: func() -> tuple<>|line 1, column 20: expected a type, found '>'",
        "f: func() -> result<_>|line 1, column 22: expected ',' (result<_, E> needs an error type), found '>'",
        "f: func() -> (a s32)|line 1, column 17: expected ':', found \"s32\"",
        "f: func() -> (: s32)|line 1, column 15: expected a result name or ')', found ':'",
        "f: func(a: u8, a: u8)|line 1, column 16: \"a\" is declared twice",
        "f: func(); f: func()|line 1, column 12: function \"f\" is declared twice",
        "f: func() $|line 1, column 11: unexpected character '$'",
        "f: func(%: u8)|line 1, column 9: expected a name after '%'",
        "world w { f: func()|line 1, column 20: expected '}', found end of text",
        "world { f: func() }|line 1, column 7: expected a world name, found '{'",
        "package a:b|line 1, column 12: expected ';', found end of text",
        "f: func(x: own<r>)|line 1, column 12: unknown type \"own\" (named types cannot be declared in a wit: signature; use bool, s8..s64, u8..u64, f32, f64, char, string, list, map, tuple, option or result)",
    })
    void reportsWhatWasExpectedAndWhere(String text, String message) {
        assertThatThrownBy(() -> WitSignatures.parse(text))
                .isInstanceOf(WitSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void unterminatedBlockCommentPointsAtItsStart() {
        assertThatThrownBy(() -> WitSignatures.parse("f: func();\n  /* never closed"))
                .hasMessage("line 2, column 3: unterminated comment: expected '*/'");
    }

    @Test
    void textWithoutFunctionsIsRejected() {
        for (String text : List.of("", "   \n", "// only a comment", "package a:b;")) {
            assertThatThrownBy(() -> WitSignatures.parse(text))
                    .isInstanceOf(WitSyntaxException.class)
                    .hasMessage("no functions found in WIT text");
        }
        assertThatThrownBy(() -> WitSignatures.parse(null)).hasMessage("no functions found in WIT text");
    }
}
