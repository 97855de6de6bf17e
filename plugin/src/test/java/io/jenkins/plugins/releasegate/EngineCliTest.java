package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.EngineCli;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCliTest {
    @Test
    void shouldCaptureTheOutputOfACommand() {
        CliResult result = EngineCli.run(List.of("--version"));

        assertThat(result.getExitCode()).isZero();
        assertThat(result.getOut()).startsWith("release-gate");
    }

    @Test
    void shouldReportBadInputWithItsFirstLine() {
        CliResult result = EngineCli.run(List.of("--no-such-option"));

        assertThat(result.getExitCode()).isEqualTo(CliResult.BAD_INPUT);
        assertThat(result.errorLine()).contains("--no-such-option");
    }
}
