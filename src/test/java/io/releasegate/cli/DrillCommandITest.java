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

    @Test
    void shouldListTheScenarios() {
        CliRun run = CliRun.of("drill", "--list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("forgotten-hold", "removed-server", "weight-typo", "health-check-removed",
                "slow-backend").contains("Run one: release-gate drill NAME (without a name: removed-server)");
    }

    @Test
    void shouldRunANamedScenarioAndWriteItsReport(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("weight-typo.html");

        CliRun run = CliRun.of("drill", "weight-typo", "--html", html.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Drill timeline (").contains("What the drill checks (weight-typo):")
                .contains("ok: the diff shows WEIGHT_CHANGED of web-02 to 10")
                .contains("DRILL PASSED: the gate caught the incident");
        assertThat(Files.readString(html)).contains("release-gate drill weight-typo").contains("WEIGHT_CHANGED");
    }

    @Test
    void shouldExitTwoForAnUnknownScenario() {
        CliRun run = CliRun.of("drill", "fire");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unknown scenario 'fire' (forgotten-hold, removed-server");
    }
}
