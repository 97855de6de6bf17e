package io.releasegate.live;

import io.releasegate.testing.Captured;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text ends in a live backend or a {@link LiveStateException} with words, never in another exception. */
class LiveStateParsersProperties {
    private static final List<String> CAPTURED = List.of("servers-state-maint.txt", "servers-state-track.txt",
            "show-stat-maint.csv", "stats-page-track.csv");

    @Property(tries = 500)
    void shouldParseOrExplainAnyMutationOfRealOutput(@ForAll("mutated") String text) {
        assertThat(parsesOrExplains(ServersStateParser::parse, text)).isTrue();
        assertThat(parsesOrExplains(StatsCsvParser::parse, text)).isTrue();
    }

    @Property(tries = 300)
    void shouldParseOrExplainArbitraryText(@ForAll String text) {
        assertThat(parsesOrExplains(ServersStateParser::parse, text)).isTrue();
        assertThat(parsesOrExplains(StatsCsvParser::parse, text)).isTrue();
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(CAPTURED).map(Captured::read);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 4000);
        Arbitrary<String> insert = Arbitraries.of("", ",", " ", "\n", "#", "-1", "99999999999", "\"", "MAINT", "x");
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 40);
        return net.jqwik.api.Combinators.combine(base, position, insert, cut).as((text, at, with, length) -> {
            int start = Math.min(at, text.length());
            int end = Math.min(text.length(), start + length);
            return text.substring(0, start) + with + text.substring(end);
        });
    }

    /** A parser of live state text. */
    private interface Parser {
        LiveBackend parse(String text, String backend, String source) throws LiveStateException;
    }

    private static boolean parsesOrExplains(Parser parser, String text) {
        try {
            parser.parse(text, "web", "test");
            return true;
        } catch (LiveStateException e) {
            return !e.getMessage().isBlank();
        }
    }
}
