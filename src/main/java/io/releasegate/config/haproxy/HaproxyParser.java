package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.ConfigParser;
import io.releasegate.config.SourceResolver;

/**
 * Reads an HAProxy 2.6 configuration ({@code src/cfgparse.c readcfgfile()}) into the pool model: every
 * {@code backend} and {@code listen} section is a {@link io.releasegate.config.Pool} with its effective balance
 * algorithm, health check and servers ({@code defaults}, {@code default-server} and {@code server-template} applied);
 * every {@code default_backend} and {@code use_backend} of a {@code frontend} or {@code listen} is a
 * {@link io.releasegate.config.Route}; every other statement is a {@link io.releasegate.config.Directive}. Keywords
 * HAProxy 2.6 does not know are kept and noted, and lines under an {@code .if} that cannot be evaluated offline are
 * read as conditional ({@link io.releasegate.config.ConfigNote}). The file is read one line at a time. Stateless and
 * thread-safe; throws nothing but {@link ConfigParseException}.
 */
public final class HaproxyParser implements ConfigParser {

    @Override
    public ConfigFormat format() {
        return ConfigFormat.HAPROXY;
    }

    @Override
    public ConfigFile parse(String path, String content, SourceResolver resolver) throws ConfigParseException {
        try {
            return new HaproxyRun(path).parse(content == null ? "" : content);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ConfigParseException(path, 0, 0, "internal error while parsing (please report): " + e);
        }
    }

    /** Tokens joined by one space from word {@code from} on, quoted where needed to stay one word. */
    static String canonical(HaproxyLine line, int from) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < line.size(); i++) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(quote(line.word(i)));
        }
        return text.toString();
    }

    private static String quote(String word) {
        boolean plain = !word.isEmpty();
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = c > ' ' && c != '"' && c != '\'' && c != '#' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return word;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '"', '\\' -> quoted.append('\\').append(c);
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
