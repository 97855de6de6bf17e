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

    /** The generated configuration of {@code lines} lines ({@link HaproxyConfigGenerator}). */
    static String generateConfig(int lines) {
        return HaproxyConfigGenerator.generate(lines);
    }
}
