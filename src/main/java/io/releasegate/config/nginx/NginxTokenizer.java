package io.releasegate.config.nginx;

import io.releasegate.config.ConfigParseException;

/**
 * Splits nginx configuration text into tokens with the rules of nginx's {@code ngx_conf_read_token()}
 * ({@code src/core/ngx_conf_file.c}, 1.22):
 * <ul>
 *   <li>words end at whitespace, {@code ;} or <code>{</code>; a <code>}</code> ends a statement only where a new token
 *       starts (inside a word it is an ordinary character, as in nginx)</li>
 *   <li>{@code "} and {@code '} quote a whole word only at the start of a token; the closing quote must be followed by
 *       whitespace, {@code ;}, <code>{</code> or {@code )}</li>
 *   <li>a backslash protects the next character; {@code \"}, {@code \'}, {@code \\}, {@code \t}, {@code \r},
 *       {@code \n} are unescaped, any other backslash is kept</li>
 *   <li>{@code #} starts a comment only at the start of a token</li>
 *   <li><code>${</code> does not open a block; {@code $var} and <code>${var}</code> are kept literally</li>
 *   <li>a token of {@value #MAX_TOKEN_LENGTH} characters or more is an error ("too long parameter"), as nginx's
 *       4096-byte read buffer makes it</li>
 * </ul>
 * Not thread-safe; one instance reads one text.
 */
public final class NginxTokenizer {
    /** nginx's {@code NGX_CONF_BUFFER}: no token may fill it. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    /** The escapes nginx's copy loop translates, and what they become; any other backslash stays. */
    private static final String ESCAPES = "\"'\\trn";
    private static final String UNESCAPED = "\"'\\\t\r\n";

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    public NginxTokenizer(String file, String text) {
        this.file = file;
        this.text = text == null ? "" : text;
    }

    /** The next token; {@link NginxToken.Type#END} at the end of the text, repeatedly. */
    public NginxToken next() throws ConfigParseException {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return new NginxToken(NginxToken.Type.END, "", false, line, column);
        }
        char ch = text.charAt(pos);
        int startLine = line;
        int startColumn = column;
        switch (ch) {
            case ';':
                advance();
                return new NginxToken(NginxToken.Type.SEMICOLON, ";", false, startLine, startColumn);
            case '{':
                advance();
                return new NginxToken(NginxToken.Type.OPEN_BRACE, "{", false, startLine, startColumn);
            case '}':
                advance();
                return new NginxToken(NginxToken.Type.CLOSE_BRACE, "}", false, startLine, startColumn);
            case '"':
            case '\'':
                return quoted(ch, startLine, startColumn);
            default:
                return word(startLine, startColumn);
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (isSpace(ch)) {
                advance();
            } else if (ch == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private NginxToken word(int startLine, int startColumn) throws ConfigParseException {
        int start = pos;
        boolean variable = false;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == '{' && variable) {
                advance();
                continue;
            }
            variable = false;
            if (ch == '\\') {
                advance();
                if (pos < text.length()) {
                    advance();
                }
            } else if (ch == '$') {
                variable = true;
                advance();
            } else if (isSpace(ch) || ch == ';' || ch == '{') {
                break;
            } else {
                advance();
            }
            checkLength(start, startLine, startColumn, (char) 0);
        }
        if (pos >= text.length()) {
            throw eof();
        }
        return new NginxToken(NginxToken.Type.WORD, unescape(text.substring(start, pos)), false, startLine,
                startColumn);
    }

    private NginxToken quoted(char quote, int startLine, int startColumn) throws ConfigParseException {
        advance();
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw eof();
            }
            char ch = text.charAt(pos);
            if (ch == '\\') {
                advance();
                if (pos < text.length()) {
                    advance();
                }
            } else if (ch == quote) {
                break;
            } else {
                advance();
            }
            checkLength(start, startLine, startColumn, quote);
        }
        String value = unescape(text.substring(start, pos));
        advance();
        if (pos >= text.length()) {
            throw eof();
        }
        char after = text.charAt(pos);
        if (after == ')') {
            // nginx accepts ")" right after a quoted word (for "if" conditions); it starts the next token
            return new NginxToken(NginxToken.Type.WORD, value, true, startLine, startColumn);
        }
        if (!isSpace(after) && after != ';' && after != '{') {
            throw error(line, column, "unexpected \"" + after + "\"");
        }
        return new NginxToken(NginxToken.Type.WORD, value, true, startLine, startColumn);
    }

    private void checkLength(int start, int startLine, int startColumn, char quote) throws ConfigParseException {
        if (pos - start >= MAX_TOKEN_LENGTH) {
            String reason = quote == 0
                    ? "too long parameter \"" + text.substring(start, start + 10) + "...\" started"
                    : "too long parameter, probably missing terminating \"" + quote + "\" character";
            throw error(startLine, startColumn, reason);
        }
    }

    private ConfigParseException eof() {
        return error(line, column, "unexpected end of file, expecting \";\" or \"}\"");
    }

    private ConfigParseException error(int errorLine, int errorColumn, String reason) {
        return new ConfigParseException(file, errorLine, errorColumn, reason);
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    /** nginx's copy loop: only these escapes are translated; other backslashes stay. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char ch = raw.charAt(i);
            int escape = ch == '\\' && i + 1 < raw.length() ? ESCAPES.indexOf(raw.charAt(i + 1)) : -1;
            if (escape >= 0) {
                out.append(UNESCAPED.charAt(escape));
                i += 2;
                continue;
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }
}
