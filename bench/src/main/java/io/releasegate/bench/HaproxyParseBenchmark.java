package io.releasegate.bench;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.SourceResolver;
import io.releasegate.config.haproxy.HaproxyParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time to parse a generated 50,000-line haproxy.cfg into the pool model. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HaproxyParseBenchmark {
    /** Lines of the generated configuration. */
    public static final int LINES = 50_000;

    private final HaproxyParser parser = new HaproxyParser();
    private String config;

    @Setup
    public void generate() throws ConfigParseException {
        config = generateConfig(LINES);
        ConfigFile file = parser.parse("haproxy.cfg", config, SourceResolver.NONE);
        if (file.pools().isEmpty()) {
            throw new IllegalStateException("generated configuration has no pools");
        }
    }

    @Benchmark
    public ConfigFile parse() throws ConfigParseException {
        return parser.parse("haproxy.cfg", config, SourceResolver.NONE);
    }

    /**
     * Reference measured in the same run: split the same text into lines and blank-separated words, the least any
     * parser must do. Figures are reported as the ratio parse / splitWords.
     */
    @Benchmark
    public int splitWords() {
        int words = 0;
        int length = config.length();
        boolean inWord = false;
        StringBuilder word = new StringBuilder();
        java.util.List<String> line = new java.util.ArrayList<>();
        for (int i = 0; i < length; i++) {
            char c = config.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    line.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '\n') {
                    words += line.size();
                    line = new java.util.ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        return words;
    }

    /**
     * A realistic file of exactly {@code lines} lines: global and defaults sections, then backends with comments,
     * health checks, default-server lines and servers with parameters, and a frontend every ten backends.
     */
    static String generateConfig(int lines) {
        StringBuilder out = new StringBuilder(lines * 48);
        int[] count = {0};
        line(out, count, "# generated for HaproxyParseBenchmark");
        line(out, count, "global");
        line(out, count, "    maxconn 50000");
        line(out, count, "    log stdout format raw local0 # inline comment");
        line(out, count, "    setenv BENCH \"quoted value with \\\"escapes\\\"\"");
        line(out, count, "defaults");
        line(out, count, "    mode http");
        line(out, count, "    balance leastconn");
        line(out, count, "    timeout connect 5s");
        line(out, count, "    timeout client 30s");
        line(out, count, "    timeout server 30s");
        line(out, count, "    default-server inter 3s fall 3 rise 2");
        int backend = 0;
        while (count[0] < lines - 20) {
            if (backend % 10 == 0) {
                line(out, count, "frontend fe" + backend);
                line(out, count, "    bind 127.0.0.1:" + (20000 + backend));
                line(out, count, "    http-request set-header X-Forwarded-Proto https if { ssl_fc }");
                line(out, count, "    default_backend be" + backend);
            }
            line(out, count, "");
            line(out, count, "# backend number " + backend);
            line(out, count, "backend be" + backend);
            line(out, count, "    balance " + (backend % 3 == 0 ? "roundrobin" : "uri whole"));
            line(out, count, "    option httpchk GET /health");
            line(out, count, "    http-check expect status 200");
            line(out, count, "    default-server check maxconn 100 weight 10");
            for (int s = 0; s < 12 && count[0] < lines - 1; s++) {
                line(out, count, "    server s" + s + " 10." + (backend / 250 % 250) + "." + (backend % 250) + "."
                        + (s + 1) + ":" + (8000 + s) + " cookie c" + s + " slowstart 10s"
                        + (s == 11 ? " backup" : "") + "   # server " + s);
            }
            backend++;
        }
        while (count[0] < lines) {
            line(out, count, "# padding");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int[] count, String text) {
        out.append(text).append('\n');
        count[0]++;
    }
}
