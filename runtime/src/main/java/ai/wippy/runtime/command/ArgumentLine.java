package ai.wippy.runtime.command;

import ai.wippy.runtime.WippyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one argument string the way a POSIX shell would, without expanding anything: words are
 * separated by whitespace; single quotes keep everything literally; double quotes keep spaces and
 * honour backslash before {@code "}, {@code \} and {@code $}; a backslash outside quotes escapes the
 * next character. ({@code -Dwippy.args="a b 'c d'"} gives {@code a}, {@code b}, {@code c d}.)
 */
public final class ArgumentLine {

    private ArgumentLine() {
    }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        if (line == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(line, '\'');
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length() && "\"\\$".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw unterminated(line, '"');
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static WippyException unterminated(String line, char quote) {
        return WippyException.user("wippy.args has an unterminated " + quote + " quote: " + line);
    }
}
