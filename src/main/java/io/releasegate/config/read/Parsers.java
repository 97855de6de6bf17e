package io.releasegate.config.read;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.ConfigParser;
import io.releasegate.config.PrintableText;
import io.releasegate.config.SourceResolver;
import io.releasegate.config.haproxy.HaproxyParser;
import io.releasegate.config.nginx.NginxParser;
import io.releasegate.config.poolfile.PoolFileParser;
import java.util.EnumMap;
import java.util.Map;

/** The parser for each format. */
public final class Parsers {
    private static final Map<ConfigFormat, ConfigParser> PARSERS = new EnumMap<>(ConfigFormat.class);

    static {
        register(new HaproxyParser());
        register(new NginxParser());
        register(new PoolFileParser());
    }

    private Parsers() {
    }

    private static void register(ConfigParser parser) {
        PARSERS.put(parser.format(), parser);
    }

    public static ConfigParser forFormat(ConfigFormat format) {
        ConfigParser parser = PARSERS.get(format);
        if (parser == null) {
            throw new IllegalStateException("no parser for " + format);
        }
        return parser;
    }

    /**
     * Parses {@code content} as {@code format}. A name or statement that cannot be printed as one line of a report is
     * refused ({@link PrintableText}).
     */
    public static ConfigFile parse(ConfigFormat format, String path, String content, SourceResolver resolver)
            throws ConfigParseException {
        ConfigFile file = forFormat(format).parse(path, content, resolver);
        PrintableText.requirePrintable(file);
        return file;
    }
}
