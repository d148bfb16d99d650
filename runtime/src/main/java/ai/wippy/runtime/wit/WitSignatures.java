package ai.wippy.runtime.wit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the short {@code wit:} text of a core module entry: any number of function items
 * {@code [export] <name>: func(<p>: <type>, ...) [-> <type> | -> (<n>: <type>, ...)];} with
 * {@code //} and {@code /* *}{@code /} comments and whitespace anywhere. The trailing {@code ;} is
 * optional (Wippy finds the items with a regular expression and never required it). For texts
 * copied from a full WIT file, a {@code package ...;} line is skipped and {@code world}/
 * {@code interface} blocks are entered, so their functions count as items.
 *
 * <p>Only anonymous types can be written here (primitives, string, list, tuple, option, result):
 * records, variants, enums, flags and resources need declarations this form does not have.
 */
public final class WitSignatures {

    private WitSignatures() {
    }

    /** Functions by name, in text order. */
    public static Map<String, WitFunction> parse(String witText) {
        Parser parser = new Parser(new WitTokenizer(witText).tokenize());
        Map<String, WitFunction> functions = parser.parseItems();
        if (functions.isEmpty()) {
            throw new WitSyntaxException("no functions found in WIT text");
        }
        return Collections.unmodifiableMap(functions);
    }

    private static final class Parser {
        private final List<WitTokenizer.Token> tokens;
        private int pos;

        Parser(List<WitTokenizer.Token> tokens) {
            this.tokens = tokens;
        }

        Map<String, WitFunction> parseItems() {
            Map<String, WitFunction> functions = new LinkedHashMap<>();
            int openBlocks = 0;
            while (!peek().isEnd()) {
                WitTokenizer.Token t = peek();
                if (t.is(";")) {
                    next();
                } else if (t.is("}") && openBlocks > 0) {
                    next();
                    openBlocks--;
                } else if (t.isWord("package") && !peekAt(1).is(":")) {
                    skipPackageDeclaration();
                } else if ((t.isWord("world") || t.isWord("interface")) && !peekAt(1).is(":")) {
                    next();
                    expectName("a " + t.text() + " name");
                    expect("{");
                    openBlocks++;
                } else {
                    WitTokenizer.Token nameToken = peek().isWord("export") && !peekAt(1).is(":") ? peekAt(1) : peek();
                    WitFunction f = parseFunction();
                    if (functions.putIfAbsent(f.name(), f) != null) {
                        throw error(nameToken, "function \"" + f.name() + "\" is declared twice");
                    }
                }
            }
            if (openBlocks > 0) {
                throw error(peek(), "expected '}'", peek());
            }
            return functions;
        }

        private void skipPackageDeclaration() {
            next();
            while (!peek().isEnd() && !peek().is(";")) {
                next();
            }
            expect(";");
        }

        private WitFunction parseFunction() {
            if (peek().isWord("export") && !peekAt(1).is(":")) {
                next();
            }
            String name = expectName("a function name");
            expect(":");
            WitTokenizer.Token func = next();
            if (!func.isWord("func")) {
                throw error(func, "expected 'func'", func);
            }
            expect("(");
            List<WitFunction.Param> params = parseNamedList("a parameter name");
            List<WitType> results = new ArrayList<>();
            if (peek().is("->")) {
                next();
                if (peek().is("(")) {
                    next();
                    for (WitFunction.Param p : parseNamedList("a result name")) {
                        results.add(p.type());
                    }
                } else {
                    results.add(parseType());
                }
            }
            if (peek().is(";")) {
                next();
            }
            return new WitFunction(name, params, results);
        }

        /** {@code name: type, ...)} after an opening parenthesis, up to and including ')'. */
        private List<WitFunction.Param> parseNamedList(String whatName) {
            List<WitFunction.Param> items = new ArrayList<>();
            Set<String> names = new HashSet<>();
            while (!peek().is(")")) {
                WitTokenizer.Token nameToken = peek();
                String name = expectName(whatName + " or ')'");
                if (!names.add(name)) {
                    throw error(nameToken, "\"" + name + "\" is declared twice");
                }
                expect(":");
                items.add(new WitFunction.Param(name, parseType()));
                if (peek().is(",")) {
                    next();
                } else if (!peek().is(")")) {
                    throw error(peek(), "expected ',' or ')'", peek());
                }
            }
            next();
            return items;
        }

        private WitType parseType() {
            WitTokenizer.Token t = next();
            if (!t.isName()) {
                throw error(t, "expected a type", t);
            }
            return switch (t.text()) {
                case "bool" -> WitType.BOOL;
                case "s8" -> WitType.S8;
                case "u8" -> WitType.U8;
                case "s16" -> WitType.S16;
                case "u16" -> WitType.U16;
                case "s32" -> WitType.S32;
                case "u32" -> WitType.U32;
                case "s64" -> WitType.S64;
                case "u64" -> WitType.U64;
                case "f32", "float32" -> WitType.F32;
                case "f64", "float64" -> WitType.F64;
                case "char" -> WitType.CHAR;
                case "string" -> WitType.STRING;
                case "list" -> {
                    expect("<");
                    WitType element = parseType();
                    if (peek().is(",")) { // list<T, N>: a fixed-length list
                        next();
                        WitTokenizer.Token n = next();
                        if (n.kind() != WitTokenizer.Kind.NAME || !n.text().matches("[1-9][0-9]{0,9}") || Long.parseLong(n.text()) > Integer.MAX_VALUE) {
                            throw error(n, "expected the length of a fixed-length list (1 to " + Integer.MAX_VALUE + ")", n);
                        }
                        expect(">");
                        yield new WitType.FixedListType(element, Integer.parseInt(n.text()));
                    }
                    expect(">");
                    yield new WitType.ListType(element);
                }
                case "map" -> {
                    expect("<");
                    WitType key = parseType();
                    expect(",");
                    WitType value = parseType();
                    expect(">");
                    if (!(key instanceof WitType.Bool || key instanceof WitType.Char || key instanceof WitType.StringType
                            || key instanceof WitType.S8 || key instanceof WitType.U8 || key instanceof WitType.S16
                            || key instanceof WitType.U16 || key instanceof WitType.S32 || key instanceof WitType.U32
                            || key instanceof WitType.S64 || key instanceof WitType.U64)) {
                        throw error(t, "a map key is a bool, an integer, char or string, not " + key);
                    }
                    yield new WitType.MapType(key, value);
                }
                case "option" -> {
                    expect("<");
                    WitType element = parseType();
                    expect(">");
                    yield new WitType.OptionType(element);
                }
                case "tuple" -> {
                    expect("<");
                    List<WitType> types = new ArrayList<>();
                    types.add(parseType());
                    while (peek().is(",")) {
                        next();
                        types.add(parseType());
                    }
                    expect(">");
                    yield new WitType.TupleType(types);
                }
                case "result" -> parseResultArguments();
                default -> throw error(t, "unknown type \"" + t.text()
                        + "\" (named types cannot be declared in a wit: signature; use bool, s8..s64, u8..u64, f32, f64,"
                        + " char, string, list, map, tuple, option or result)");
            };
        }

        private WitType parseResultArguments() {
            if (!peek().is("<")) {
                return new WitType.ResultType(null, null);
            }
            next();
            WitType ok;
            if (peek().isWord("_")) {
                next();
                ok = null;
                if (!peek().is(",")) {
                    throw error(peek(), "expected ',' (result<_, E> needs an error type)", peek());
                }
            } else {
                ok = parseType();
            }
            WitType err = null;
            if (peek().is(",")) {
                next();
                err = parseType();
            }
            expect(">");
            return new WitType.ResultType(ok, err);
        }

        private String expectName(String what) {
            WitTokenizer.Token t = next();
            if (!t.isName()) {
                throw error(t, "expected " + what, t);
            }
            return t.text();
        }

        private void expect(String punctuation) {
            WitTokenizer.Token t = next();
            if (!t.is(punctuation)) {
                throw error(t, "expected '" + punctuation + "'", t);
            }
        }

        private WitTokenizer.Token peek() {
            return tokens.get(pos);
        }

        private WitTokenizer.Token peekAt(int ahead) {
            return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
        }

        private WitTokenizer.Token next() {
            WitTokenizer.Token t = tokens.get(pos);
            if (!t.isEnd()) {
                pos++;
            }
            return t;
        }

        private static WitSyntaxException error(WitTokenizer.Token at, String expected, WitTokenizer.Token found) {
            return error(at, expected + ", found " + found.describe());
        }

        private static WitSyntaxException error(WitTokenizer.Token at, String problem) {
            return new WitSyntaxException(at.line(), at.column(), problem);
        }
    }
}
