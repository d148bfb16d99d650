package ai.wippy.runtime.wit;

import java.util.ArrayList;
import java.util.List;

/** Splits WIT text into names and punctuation, dropping whitespace and comments. */
final class WitTokenizer {

    enum Kind { NAME, PUNCTUATION, END }

    /** One token with its 1-based line and column. */
    record Token(Kind kind, String text, int line, int column) {

        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }

        boolean isWord(String word) {
            return kind == Kind.NAME && text.equals(word);
        }

        /** A WIT identifier; version numbers are tokenized as words too but are no names. */
        boolean isName() {
            return kind == Kind.NAME && !Character.isDigit(text.charAt(0));
        }

        boolean isEnd() {
            return kind == Kind.END;
        }

        String describe() {
            return switch (kind) {
                case END -> "end of text";
                case NAME -> "\"" + text + "\"";
                case PUNCTUATION -> "'" + text + "'";
            };
        }
    }

    // '@', '.' and '/' only occur in package names (ns:pkg/iface@1.0.0), which the parser skips.
    private static final String SINGLE_PUNCTUATION = ":(),<>;{}@./";

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    WitTokenizer(String text) {
        this.text = text == null ? "" : text;
    }

    List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespaceAndComments();
            int column = pos - lineStart + 1;
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", line, column));
                return tokens;
            }
            char c = text.charAt(pos);
            if (text.startsWith("->", pos)) {
                tokens.add(new Token(Kind.PUNCTUATION, "->", line, column));
                pos += 2;
            } else if (SINGLE_PUNCTUATION.indexOf(c) >= 0) {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line, column));
                pos++;
            } else if (isNameStart(c)) {
                // '%' escapes a keyword used as a name in WIT (%type); the name itself has no '%'.
                int start = c == '%' ? pos + 1 : pos;
                pos = start;
                while (pos < text.length() && isNamePart(text.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw new WitSyntaxException(line, column, "expected a name after '%'");
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, pos), line, column));
            } else {
                int cp = text.codePointAt(pos);
                throw new WitSyntaxException(line, column, "unexpected character '" + new String(Character.toChars(cp)) + "'");
            }
        }
    }

    private void skipWhitespaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (text.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        pos += 2;
        while (pos < text.length()) {
            if (text.startsWith("*/", pos)) {
                pos += 2;
                return;
            }
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        throw new WitSyntaxException(startLine, startColumn, "unterminated comment: expected '*/'");
    }

    private static boolean isNameStart(char c) {
        return c == '%' || c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || c == '-' || Character.isLetterOrDigit(c);
    }
}
