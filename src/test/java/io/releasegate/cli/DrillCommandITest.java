package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-gate drill} from the command line: exit code, JSON, HTML report, bad input. */
class DrillCommandITest {
    @Test
    void shouldExitZeroAndWriteTheReport(@TempDir Path dir) throws Exception {
        // arrange
        Path html = dir.resolve("drill.html");

        // act
        CliRun run = CliRun.of("drill", "--format", "json", "--html", html.toString());

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("caught").asBoolean()).isTrue();
        assertThat(json.get("pagerDutyEvents")).extracting(event -> event.get("action").asText())
                .containsExactly("trigger", "resolve");
        assertThat(json.at("/run/outcome").asText()).isEqualTo("ROLLED_BACK");
        assertThat(Files.readString(html)).contains("the gate caught the incident")
                .contains("approved by drill-reviewer (simulated sign-off for the drill)").contains("<svg");
    }

    @Test
    void shouldPrintTheSimulatedSignOffAndTheVerdictInText() {
        // act
        CliRun run = CliRun.of("drill");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("approved by drill-reviewer (simulated sign-off for the drill)")
                .contains("CRITICAL SINGLE_POINT_OF_FAILURE")
                .contains("DRILL PASSED: the gate caught the incident")
                .contains("HTML report: ");
    }

    @Test
    void shouldExitTwoForAnUnknownLoadBalancer() {
        // act
        CliRun run = CliRun.of("drill", "--lb", "traefik");

        // assert
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--lb must be embedded, haproxy or nginx, was 'traefik'");
    }
}
