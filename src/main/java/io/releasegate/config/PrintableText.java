package io.releasegate.config;

import java.util.Locale;

/**
 * Names and statements of a load-balancer file end up in every report, one per line (text, Markdown, build logs,
 * pages). None of them may hold a character that starts a new line or rewrites the terminal: a control character
 * (newline, carriage return, escape), a line or paragraph separator, or a bidirectional override. A change could
 * otherwise print a line of its own choosing, such as "Sign-off: approved". Such text is refused with the file and
 * line, and shown escaped wherever it is quoted.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** {@code text} with each unprintable character escaped: {@code \n}, {@code \r}, {@code \t}, {@code \\uXXXX}. */
    public static String shown(String text) {
        if (text == null || text.codePoints().noneMatch(PrintableText::unprintable)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (!unprintable(c)) {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
            }
        });
        return out.toString();
    }

    /**
     * Refuses a file whose pool names, server names or addresses cannot be printed as a line: they are what every
     * report and page is about. Statements may hold such characters (nginx reads {@code "\n"} in a quoted
     * string as a newline): a {@code Change} shows them escaped.
     */
    public static void requirePrintable(ConfigFile file) throws ConfigParseException {
        for (Pool pool : file.pools()) {
            String where = pool.file() == null || pool.file().isEmpty() ? file.path() : pool.file();
            require(where, pool.line(), "pool name", pool.name());
            for (Server server : pool.servers()) {
                require(where, server.line(), "server name", server.name());
                require(where, server.line(), "server address", server.host());
            }
        }
    }

    private static void require(String file, int line, String what, String text)
            throws ConfigParseException {
        if (text == null) {
            return;
        }
        int bad = text.codePoints().filter(PrintableText::unprintable).findFirst().orElse(-1);
        if (bad >= 0) {
            throw new ConfigParseException(file, line, 0, String.format(Locale.ROOT, "%s '%s' contains U+%04X, a "
                    + "character that breaks or rewrites a line of a report (a control character, line separator or"
                    + " bidirectional override)", what, text, bad));
        }
    }

    private static boolean unprintable(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069;
    }
}
