package io.releasegate.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.SourceResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Any input ends in a model or in a ConfigParseException with file and line, quickly, never in another error. */
class HaproxyParserProperties {
    private static final List<String> TOKENS = List.of("global", "defaults", "frontend", "backend", "listen",
            "peers", "userlist", "resolvers", "ring", "cache", "server", "default-server", "server-template",
            "balance", "roundrobin", "leastconn", "hash", "option", "httpchk", "no", "default", "http-check",
            "send", "meth", "uri", "weight", "300", "0", "backup", "no-backup", "check", "no-check", "disabled",
            "enabled", "maxconn", "source", "usesrc", "from", "web", "web-01", "127.0.0.1:8081", "[::1]:80", "::1",
            "unix@/tmp/s", "/run/x", "ipv4@1.2.3.4:5", "1-3", "3", ".if", ".elif", ".else", ".endif", ".notice",
            ".alert", "version_atleast(2.6)", "feature(OPENSSL)", "defined(X)", "streq(a,b)", "!", "&&", "||",
            "(", ")", "\"", "'", "#", "\\", "\\x4", "\\x41", "${", "\"${PORT}\"", "}", "[", "]", "[scope]", "$",
            "\t", "\r", " ");
    private static final List<String> INSERTS = List.of("\"", "'", "#", "\\", "\n", " ", "$", "{", "}", ".if 1\n",
            ".endif\n", "[x]\n", "\\x", ":", "-", "0");
    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final HaproxyParser parser = new HaproxyParser();

    @Property(tries = 500)
    void shouldEndInAModelOrAParseErrorForTokenSoup(@ForAll("soups") String content) {
        assertEndsCleanly(content);
    }

    @Property(tries = 500)
    void shouldEndInAModelOrAParseErrorForMutatedFixtures(@ForAll("mutatedFixtures") String content) {
        assertEndsCleanly(content);
    }

    private void assertEndsCleanly(String content) {
        ConfigFile result = assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return parser.parse("fuzz.cfg", content, SourceResolver.NONE);
            } catch (ConfigParseException e) {
                assertThat(e.file()).isEqualTo("fuzz.cfg");
                assertThat(e.line()).isBetween(0, (int) content.chars().filter(c -> c == '\n').count() + 1);
                assertThat(e.column()).isNotNegative();
                assertThat(e.reason()).isNotBlank().doesNotStartWith("internal error");
                return null;
            }
        });
        if (result != null) {
            assertThat(result.pools()).allSatisfy(p -> assertThat(p.servers())
                    .allSatisfy(s -> assertThat(s.weight()).isBetween(0, 256)));
        }
    }

    @Property(tries = 1000)
    void shouldSplitEveryLineAsTheFullTokenizerDoes(@ForAll("lines") String raw) throws ConfigParseException {
        // the file reader takes a fast path for plain lines; it must give exactly what the full tokenizer gives
        HaproxyTokenizer tokenizer = new HaproxyTokenizer("t.cfg");
        HaproxyLine full;
        try {
            full = tokenizer.tokenizeLine(raw, 1);
        } catch (ConfigParseException e) {
            ConfigParseException viaFile = org.assertj.core.api.Assertions.catchThrowableOfType(
                    ConfigParseException.class, () -> tokenizer.tokenize(raw + "\n"));
            assertThat(viaFile).isNotNull();
            assertThat(viaFile.getMessage()).isEqualTo(e.getMessage());
            return;
        }
        List<HaproxyLine> viaFile = tokenizer.tokenize(raw + "\n");
        if (full.tokens().isEmpty() && full.scope() == null) {
            assertThat(viaFile).isEmpty();
        } else {
            assertThat(viaFile).containsExactly(full);
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().withChars(" \t#\r\"'\\$abc:[]{}").ofMaxLength(4));
        return word.list().ofMaxSize(10).map(words -> String.join(" ", words).replace("\n", ""));
    }

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> line = Arbitraries.of(TOKENS).list().ofMinSize(0).ofMaxSize(12)
                .map(words -> String.join(" ", words));
        return line.list().ofMinSize(0).ofMaxSize(30).map(lines -> String.join("\n", lines) + "\n");
    }

    @Provide
    Arbitrary<String> mutatedFixtures() {
        List<String> fixtures = HaproxyFixtures.list("valid").stream().map(Path::getFileName)
                .map(name -> HaproxyFixtures.read("valid/" + name)).toList();
        Arbitrary<String> fixture = Arbitraries.of(fixtures);
        Arbitrary<List<Tuple.Tuple3<Integer, Double, String>>> mutations = Combinators.combine(
                Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1), Arbitraries.of(INSERTS))
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(fixture, mutations).as(HaproxyParserProperties::mutate);
    }

    private static String mutate(String text, List<Tuple.Tuple3<Integer, Double, String>> mutations) {
        StringBuilder s = new StringBuilder(text);
        for (Tuple.Tuple3<Integer, Double, String> m : mutations) {
            if (s.length() < 2) {
                break;
            }
            int at = (int) (m.get2() * (s.length() - 2));
            switch (m.get1()) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, s.charAt(at));
                case 2 -> {
                    char c = s.charAt(at);
                    s.setCharAt(at, s.charAt(at + 1));
                    s.setCharAt(at + 1, c);
                }
                case 3 -> s.insert(at, m.get3());
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }
}
