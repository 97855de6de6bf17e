package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits HAProxy 2.6 configuration text into words the way {@code src/tools.c parse_line()} does with the options
 * {@code readcfgfile()} passes (ENV, DQUOTE, SQUOTE, BKSLASH, SHARP, WORD_EXPAND):
 * <ul>
 *   <li>one line is one statement; there is no line continuation; a {@code \r} ends the line;</li>
 *   <li>{@code #} outside quotes starts a comment, anywhere on the line;</li>
 *   <li>{@code "..."} are weak quotes (backslash escapes and {@code $VAR}/{@code ${VAR}} references work inside),
 *       {@code '...'} are strong quotes (nothing is special inside);</li>
 *   <li>outside single quotes a backslash escapes {@code \ }, {@code \\}, {@code \#}, {@code \'}, {@code \"},
 *       {@code \t}, {@code \n}, {@code \r}, {@code \xHH} and, inside double quotes, {@code \$}; any other
 *       backslash is kept;</li>
 *   <li>a line starting with {@code [name]} sets a scope.</li>
 * </ul>
 * Unlike HAProxy, environment variables are <b>not</b> expanded: a reference inside double quotes is checked for
 * HAProxy's syntax and kept literally (e.g. {@code ${PORT}}), because a config is reviewed without the environment
 * it will run in. Errors carry the file, the line and the 1-based column, like HAProxy's "at position N".
 */
public final class HaproxyTokenizer {
    /** HAProxy's {@code MAX_LINE_ARGS}. */
    public static final int MAX_WORDS = 64;
    /** A line that carries nothing (blank, comment): one instance, never handed on. */
    private static final HaproxyLine BLANK = new HaproxyLine(0, null, null, 0);

    private final String path;

    public HaproxyTokenizer(String path) {
        this.path = path;
    }

    /** Receives the lines of a file that carry a statement, one at a time. */
    @FunctionalInterface
    public interface LineSink {
        void accept(HaproxyLine line) throws ConfigParseException;
    }

    /**
     * Tokenizes a whole file; blank and comment-only lines are left out.
     *
     * @throws ConfigParseException for a NUL character, a missing final line feed (HAProxy 2.6 rejects a file whose
     *                              last line is truncated), or any line error of {@link #tokenizeLine}
     */
    public List<HaproxyLine> tokenize(String content) throws ConfigParseException {
        List<HaproxyLine> lines = new ArrayList<>();
        forEachLine(content, lines::add);
        return lines;
    }

    /**
     * Tokenizes a whole file one line at a time, handing each line that carries a statement to {@code sink} before
     * reading the next, so that a large file is never held as words all at once.
     *
     * @return the number of lines in the file
     * @throws ConfigParseException as {@link #tokenize}, or whatever {@code sink} throws
     */
    public int forEachLine(String content, LineSink sink) throws ConfigParseException {
        char[] buffer = new char[256];
        int number = 0;
        int start = 0;
        int length = content.length();
        while (start < length) {
            number++;
            int end = content.indexOf('\n', start);
            if (end < 0) {
                String raw = content.substring(start);
                int nul = raw.indexOf('\0');
                if (nul >= 0) {
                    throw new ConfigParseException(path, number, nul + 1, "stray NUL character");
                }
                throw new ConfigParseException(path, number, raw.length() + 1,
                        "missing line feed at the end of the last line (HAProxy rejects a truncated file)");
            }
            if (end - start > buffer.length) {
                buffer = new char[Math.max(end - start, buffer.length * 2)];
            }
            content.getChars(start, end, buffer, 0);
            HaproxyLine line = plainLine(buffer, end - start, content, start, number);
            if (line == null) {
                String raw = content.substring(start, end);
                int nul = raw.indexOf('\0');
                if (nul >= 0) {
                    throw new ConfigParseException(path, number, nul + 1, "stray NUL character");
                }
                line = tokenizeLine(raw, number);
            }
            if (!line.empty()) {
                sink.accept(line);
            }
            start = end + 1;
        }
        return number;
    }

    /**
     * The fast path for the lines most files are made of: no quote, no backslash, no scope, no NUL, fewer words than
     * the limit. Words are the runs of non-blank characters before a {@code #} or a {@code \r}, as
     * {@link #tokenizeLine} finds them. Returns null for any other line, which the full tokenizer then reads.
     */
    private static HaproxyLine plainLine(char[] line, int length, String content, int offset, int number) {
        String[] words = null;
        int[] columns = null;
        int count = 0;
        int separators = 0;
        int i = 0;
        while (i < length && isSpace(line[i])) {
            i++;
        }
        if (i < length && line[i] == '[') {
            return null;
        }
        while (i < length) {
            char c = line[i];
            if (c == '#' || c == '\r') {
                break;
            }
            if (c == '"' || c == '\'' || c == '\\' || c == '\0') {
                return null;
            }
            if (isSpace(c)) {
                while (i < length && isSpace(line[i])) {
                    i++;
                }
                if (++separators >= MAX_WORDS) {
                    return null;
                }
                continue;
            }
            int wordStart = i;
            while (i < length) {
                char w = line[i];
                if (isSpace(w) || w == '#' || w == '\r') {
                    break;
                }
                if (w == '"' || w == '\'' || w == '\\' || w == '\0') {
                    return null;
                }
                i++;
            }
            if (words == null) {
                words = new String[8];
                columns = new int[8];
            } else if (count == words.length) {
                words = java.util.Arrays.copyOf(words, count * 2);
                columns = java.util.Arrays.copyOf(columns, count * 2);
            }
            words[count] = content.substring(offset + wordStart, offset + i);
            columns[count++] = wordStart + 1;
        }
        return count == 0 ? BLANK : new HaproxyLine(number, words, columns, count);
    }

    /**
     * Tokenizes one line (without its line feed). A blank or comment-only line, or one whose first word is empty,
     * has no tokens.
     */
    public HaproxyLine tokenizeLine(String raw, int number) throws ConfigParseException {
        int i = 0;
        int n = raw.length();
        while (i < n && isSpace(raw.charAt(i))) {
            i++;
        }
        if (i < n && raw.charAt(i) == '[') {
            return new HaproxyLine(number, List.of(), scope(raw, i, number));
        }
        return new HaproxyLine(number, words(raw, i, number), null);
    }

    private List<HaproxyToken> words(String raw, int from, int number) throws ConfigParseException {
        List<HaproxyToken> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int wordStart = from;
        boolean explicit = false;
        boolean squote = false;
        boolean dquote = false;
        int quoteAt = -1;
        int separators = 0;
        int n = raw.length();
        int i = from;
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '\r') {
                break;
            } else if (c == '#' && !squote && !dquote) {
                break;
            } else if (c == '"' && !squote) {
                dquote = !dquote;
                quoteAt = dquote ? i : -1;
                explicit = true;
                i++;
            } else if (c == '\'' && !dquote) {
                squote = !squote;
                quoteAt = squote ? i : -1;
                explicit = true;
                i++;
            } else if (c == '\\' && !squote) {
                i = escape(raw, i, dquote, word, number);
            } else if (isSpace(c) && !squote && !dquote) {
                while (i < n && isSpace(raw.charAt(i))) {
                    i++;
                }
                words.add(new HaproxyToken(word.toString(), wordStart + 1));
                word.setLength(0);
                explicit = false;
                wordStart = i;
                separators++;
                if (separators >= MAX_WORDS) {
                    throw new ConfigParseException(path, number, i + 1,
                            "too many words on one line (HAProxy allows " + MAX_WORDS + ")");
                }
            } else if (c == '$' && dquote) {
                i = variable(raw, i, word, number);
            } else {
                word.append(c);
                i++;
            }
        }
        if (quoteAt >= 0) {
            throw new ConfigParseException(path, number, quoteAt + 1,
                    "unterminated " + (squote ? "single" : "double") + " quote");
        }
        if (word.length() > 0 || explicit) {
            words.add(new HaproxyToken(word.toString(), wordStart + 1));
        }
        if (words.isEmpty() || words.get(0).text().isEmpty()) {
            return List.of();
        }
        return words;
    }

    /** Handles a backslash at {@code i} outside single quotes; returns the index after the sequence. */
    private int escape(String raw, int i, boolean dquote, StringBuilder word, int number)
            throws ConfigParseException {
        char next = i + 1 < raw.length() ? raw.charAt(i + 1) : '\0';
        switch (next) {
            case ' ', '\\', '#', '\'', '"' -> {
                word.append(next);
                return i + 2;
            }
            case 't' -> {
                word.append('\t');
                return i + 2;
            }
            case 'n' -> {
                word.append('\n');
                return i + 2;
            }
            case 'r' -> {
                word.append('\r');
                return i + 2;
            }
            case '$' -> {
                if (dquote) {
                    word.append('$');
                    return i + 2;
                }
                word.append('\\');
                return i + 1;
            }
            case 'x' -> {
                if (!isHex(charAt(raw, i + 2)) || !isHex(charAt(raw, i + 3))) {
                    throw new ConfigParseException(path, number, i + 1,
                            "truncated or invalid hexadecimal sequence (expected \\xHH)");
                }
                word.append((char) Integer.parseInt(raw.substring(i + 2, i + 4), 16));
                return i + 4;
            }
            default -> {
                word.append('\\');
                return i + 1;
            }
        }
    }

    /**
     * Checks an environment variable reference at {@code i} (a {@code $} inside double quotes) against HAProxy's
     * syntax and copies it literally; returns the index after it.
     */
    private int variable(String raw, int i, StringBuilder word, int number) throws ConfigParseException {
        int n = raw.length();
        int p = i + 1;
        int brace = -1;
        if (p < n && raw.charAt(p) == '{') {
            brace = p++;
        }
        char first = charAt(raw, p);
        if (!isAlpha(first) && first != '_' && first != '.') {
            throw new ConfigParseException(path, number, p + 1,
                    "forbidden first character in environment variable name");
        }
        int nameStart = p;
        if (first == '.') {
            p++;
        }
        while (p < n && (isAlnum(raw.charAt(p)) || raw.charAt(p) == '_')) {
            p++;
        }
        String name = raw.substring(nameStart, p);
        if (name.startsWith(".") && !name.equals(".LINE") && !name.equals(".FILE") && !name.equals(".SECTION")) {
            throw new ConfigParseException(path, number, nameStart + 1,
                    "unsupported internal variable '" + name + "' (only .LINE, .FILE and .SECTION exist)");
        }
        if (brace >= 0 && charAt(raw, p) == '[') {
            if (charAt(raw, p + 1) != '*' || charAt(raw, p + 2) != ']') {
                throw new ConfigParseException(path, number, p + 1,
                        "truncated or invalid word expansion sequence (expected [*])");
            }
            p += 3;
        }
        if (brace >= 0) {
            if (charAt(raw, p) == '-') {
                int close = raw.indexOf('}', p);
                if (close < 0) {
                    throw new ConfigParseException(path, number, brace + 1,
                            "unmatched brace in environment variable reference");
                }
                p = close;
            } else if (charAt(raw, p) != '}') {
                throw new ConfigParseException(path, number, brace + 1,
                        "unmatched brace in environment variable reference");
            }
            p++;
        }
        word.append(raw, i, p);
        return p;
    }

    private String scope(String raw, int open, int number) throws ConfigParseException {
        int close = raw.indexOf(']', open + 1);
        if (close < 0 || close == open + 1) {
            throw new ConfigParseException(path, number, open + 1, "empty scope name is forbidden");
        }
        String name = raw.substring(open + 1, close);
        for (int k = 0; k < name.length(); k++) {
            if (!isNameChar(name.charAt(k))) {
                throw new ConfigParseException(path, number, open + 2 + k,
                        "character '" + name.charAt(k) + "' is not permitted in a scope name");
            }
        }
        int p = close + 1;
        while (p < raw.length() && isSpace(raw.charAt(p))) {
            p++;
        }
        if (p < raw.length() && raw.charAt(p) != '#' && raw.charAt(p) != '\r') {
            throw new ConfigParseException(path, number, p + 1,
                    "character '" + raw.charAt(p) + "' is not permitted after a scope declaration");
        }
        return name;
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\n';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || isAlpha(c);
    }

    /** HAProxy's {@code invalid_char()}: letters, digits, '.', '-', '_' and ':'. */
    static boolean isNameChar(char c) {
        return isAlnum(c) || c == '.' || c == '-' || c == '_' || c == ':';
    }
}
