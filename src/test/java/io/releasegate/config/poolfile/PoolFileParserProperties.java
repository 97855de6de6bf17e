package io.releasegate.config.poolfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.SourceResolver;
import io.releasegate.testing.ScenarioRepo;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any input to the pool-file parser ends in a model or a ConfigParseException with a line, quickly. */
class PoolFileParserProperties {
    private static final List<String> FIXTURES = List.of(
            ScenarioRepo.fixture("poolfile/incident-before.yml"),
            ScenarioRepo.fixture("poolfile/cloud-lb.json"));

    @Property(tries = 300)
    void shouldEndInAModelOrAParseErrorForMutatedFixtures(@ForAll("mutations") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property(tries = 300)
    void shouldEndInAModelOrAParseErrorForTokenSoup(@ForAll("soup") String text) {
        assertParsesOrFailsCleanly(text);
    }

    private static void assertParsesOrFailsCleanly(String text) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                ConfigFile file = new PoolFileParser().parse("pools.yml", text, SourceResolver.NONE);
                assertThat(file.pools()).allSatisfy(pool -> assertThat(pool.servers()).isNotEmpty());
            } catch (ConfigParseException e) {
                assertThat(e.file()).isEqualTo("pools.yml");
                assertThat(e.reason()).isNotBlank();
            }
        });
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> fixture = Arbitraries.of(FIXTURES);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 400);
        Arbitrary<String> insert = Arbitraries.of("", "{", "}", "[", "]", ":", "\n", "  ", "- ", "&a ", "*a ", "!!",
                "'", "\"", "#", "pools:", "weight: x", "address: ", "---\n", "\t", "%");
        return net.jqwik.api.Combinators.combine(fixture, position, position, insert).as((text, at, cut, add) -> {
            int start = Math.min(at, text.length());
            int end = Math.min(text.length(), start + cut % 7);
            return text.substring(0, start) + add + text.substring(end);
        });
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of("pools", ":", " ", "\n", "  ", "web", "servers", "address", "10.0.0.1:80", "weight",
                "-1", "999999999999", "{", "}", "[", "]", ",", "backup", "true", "null", "~", "&x", "*x", "<<: *x",
                "'", "\"").list().ofMaxSize(60).map(parts -> String.join("", parts));
    }
}
