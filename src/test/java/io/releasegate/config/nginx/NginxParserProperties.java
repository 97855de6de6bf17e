package io.releasegate.config.nginx;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.FileSystemSourceResolver;
import io.releasegate.config.SourceResolver;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Any input ends in a model or in a {@link ConfigParseException} with a file and a line, within 2 seconds: random
 * token soups (with includes that point back at themselves) and random mutations of the valid fixtures.
 */
class NginxParserProperties {
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final List<String> VOCABULARY = List.of("upstream", "server", "http", "stream", "events",
            "location", "map", "include", "x.conf", "*.conf", "weight=2", "weight=0", "backup", "down",
            "max_fails=0", "fail_timeout=1m", "ip_hash", "hash", "$remote_addr", "consistent", "random", "two",
            "least_conn", "127.0.0.1:8081", "[::1]:80", "unix:/s", "web", "{", "}", ";", "\"", "'", "\\", "$", "${",
            "#", "\n", " ", "\t", "\"q u\"", "'s'", ")", "proxy_pass", "http://web", "health_check");

    private final NginxParser parser = new NginxParser();

    /** Includes of anything resolve to the soup itself, and globs to two copies of it. */
    private static SourceResolver selfIncluding(String content) {
        return new SourceResolver() {
            @Override
            public Optional<String> read(String path) {
                return Optional.of(content);
            }

            @Override
            public List<String> glob(String pattern) {
                return List.of("a.conf", "b.conf");
            }
        };
    }

    private void assertModelOrError(String path, String content, SourceResolver resolver) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                ConfigFile config = parser.parse(path, content, resolver);
                assertThat(config.path()).isEqualTo(path);
            } catch (ConfigParseException e) {
                assertThat(e.file()).isNotBlank();
                assertThat(e.line()).as(e.getMessage()).isPositive();
                assertThat(e.column()).as(e.getMessage()).isPositive();
                assertThat(e.reason()).doesNotStartWith("cannot read this nginx configuration");
            }
        });
    }

    @Property(tries = 400)
    void shouldEndInAModelOrAParseErrorForTokenSoups(@ForAll("soups") String soup) {
        assertModelOrError("nginx.conf", soup, selfIncluding(soup));
    }

    @Property(tries = 300)
    void shouldEndInAModelOrAParseErrorForMutatedFixtures(@ForAll("mutatedFixtures") String[] pathAndContent) {
        assertModelOrError(pathAndContent[0], pathAndContent[1], new FileSystemSourceResolver(Path.of(".")));
    }

    @Property(tries = 30)
    void shouldEndQuicklyForHugeRepetitions(@ForAll("repeated") String content) {
        assertModelOrError("nginx.conf", content, SourceResolver.NONE);
    }

    @Property(tries = 300)
    void shouldReadBackEveryCanonicalWordUnchanged(@ForAll("words") List<String> words) throws Exception {
        // arrange
        String text = NginxText.canonical(words) + ";";
        NginxTokenizer tokenizer = new NginxTokenizer("t.conf", text);

        // act
        List<String> read = new java.util.ArrayList<>();
        for (NginxToken token = tokenizer.next(); token.type() == NginxToken.Type.WORD; token = tokenizer.next()) {
            read.add(token.text());
        }

        // assert
        assertThat(read).isEqualTo(words);
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> first = Arbitraries.strings().withChars("abc_$").ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> any = Arbitraries.strings().withChars("ab $\\\"'#;{}()\t\n=").ofMaxLength(8);
        return Combinators.combine(first, any.list().ofMaxSize(4)).as((name, rest) -> {
            List<String> all = new java.util.ArrayList<>();
            all.add(name);
            all.addAll(rest);
            return all;
        });
    }

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(VOCABULARY),
                Arbitraries.strings().ofMaxLength(6).withChars("ab1.:=${}#;\"'\\ \n"));
        return word.list().ofMaxSize(120).map(words -> String.join(" ", words).replace("  ", " "))
                .edgeCases(edges -> edges.add(""));
    }

    @Provide
    Arbitrary<String[]> mutatedFixtures() {
        List<Path> fixtures = validFixtures();
        Arbitrary<Path> fixture = Arbitraries.of(fixtures);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 40);
        Arbitrary<Character> inserted = Arbitraries.of('{', '}', ';', '"', '\'', '#', '\\', '$', '\n', ' ', 'x',
                '0', '=', ':', '*');
        return Combinators.combine(fixture, kind, where, length, inserted).as((path, k, at, len, ch) -> {
            String content = read(path);
            int start = (int) (at * content.length());
            int end = Math.min(content.length(), start + len);
            String mutated = switch (k) {
                case 0 -> content.substring(0, start) + content.substring(end);
                case 1 -> content.substring(0, start) + ch + content.substring(start);
                case 2 -> content.substring(0, end) + content.substring(start, end) + content.substring(end);
                default -> content.substring(0, start) + String.valueOf(ch).repeat(len) + content.substring(end);
            };
            return new String[] {path.toString(), mutated};
        });
    }

    @Provide
    Arbitrary<String> repeated() {
        Arbitrary<String> unit = Arbitraries.of("a {", "}", "x;", "\"", "a", "include x.conf;", "#", "$",
                "upstream u { server 127.0.0.1; }", "http {");
        return Combinators.combine(unit, Arbitraries.integers().between(1_000, 100_000))
                .as((text, count) -> text.repeat(count));
    }

    private static List<Path> validFixtures() {
        try (Stream<Path> files = Files.list(Path.of("test-fixtures/nginx/valid"))) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
