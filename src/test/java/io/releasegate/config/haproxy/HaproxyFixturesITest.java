package io.releasegate.config.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.SourceResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-checks every fixture with the real {@code haproxy -c}: what HAProxy rejects we reject, and vice versa. */
class HaproxyFixturesITest {
    private static final Pattern ALERT_LINE = Pattern.compile("\\[ALERT\\][^\\n]*?\\[[^\\]\\s]+\\.cfg:(\\d+)\\]");

    record Verdict(int exitCode, String output) {
        boolean accepted() {
            return exitCode == 0;
        }
    }

    static Stream<Path> validFixtures() {
        return HaproxyFixtures.list("valid").stream();
    }

    static Stream<Path> invalidFixtures() {
        return HaproxyFixtures.list("invalid").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void shouldParseWhatHaproxyAccepts(Path fixture) throws Exception {
        // arrange
        String content = Files.readString(fixture, StandardCharsets.UTF_8);

        // act
        Verdict haproxy = check(fixture);
        ConfigFile parsed = new HaproxyParser().parse(fixture.toString(), content, SourceResolver.NONE);

        // assert
        assertThat(haproxy.accepted()).as("haproxy -c on %s:%n%s", fixture, haproxy.output()).isTrue();
        assertThat(parsed.pools()).as("pools of %s", fixture).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void shouldRejectWhatHaproxyRejects(Path fixture) throws Exception {
        // arrange
        String content = Files.readString(fixture, StandardCharsets.UTF_8);

        // act
        Verdict haproxy = check(fixture);
        ConfigParseException ours = catchThrowableOfType(ConfigParseException.class,
                () -> new HaproxyParser().parse(fixture.toString(), content, SourceResolver.NONE));

        // assert
        assertThat(haproxy.exitCode()).as("haproxy -c on %s:%n%s", fixture, haproxy.output()).isEqualTo(1);
        assertThat(ours).as("our parser on %s", fixture).isNotNull();
        Matcher line = ALERT_LINE.matcher(haproxy.output());
        if (line.find()) {
            assertThat(ours.line()).as("line of the first error in %s; haproxy said:%n%s", fixture,
                    haproxy.output()).isEqualTo(Integer.parseInt(line.group(1)));
        }
    }

    private static Verdict check(Path fixture) throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        Process process = new ProcessBuilder(List.of(binary, "-c", "-f", fixture.toString()))
                .redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("haproxy -c did not finish within 30 s on " + fixture);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Verdict(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
