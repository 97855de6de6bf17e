package io.releasegate.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.gate.GateOutcome;
import io.releasegate.log.BufferedLog;
import io.releasegate.log.TimedStep;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every drill scenario on loopback with the embedded load balancer (nothing installed but Java). */
class DrillScenariosITest {
    private static DrillResult run(String name, Path dir) throws Exception {
        try (DrillRun drill = DrillScenarios.start(name, new DrillOptions(DrillOptions.Balancer.EMBEDDED, dir,
                DrillOptions.DEFAULT_RATE), new BufferedLog())) {
            return drill.run();
        }
    }

    private static void assertAllOk(DrillResult result) {
        assertThat(result.findings()).allSatisfy(finding -> assertThat(finding).startsWith("ok: "));
        assertThat(result.caught()).isTrue();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldPageTheForgottenHoldWithinOneCycleAndResolveWhenTheOwnerPutsWebTwoBack(@TempDir Path dir)
            throws Exception {
        DrillResult result = run("forgotten-hold", dir);

        assertAllOk(result);
        assertThat(result.scenario()).isEqualTo("forgotten-hold");
        assertThat(result.run()).isNull();
        assertThat(result.events()).extracting(e -> e.action() + " " + e.severity() + " " + e.summary()
                .substring(0, e.summary().indexOf(']') + 1)).containsExactly(
                "trigger warning [alice]", "trigger critical [alice]", "trigger critical [on-call chain]",
                "resolve " + result.events().get(3).severity() + " [alice]",
                "resolve " + result.events().get(4).severity() + " [on-call chain]");
        PagerDutyEndpoint.Event expiry = result.events().get(1);
        assertThat(expiry.summary()).contains("web-02 was due back at ").contains("(hold by alice: load test) and is "
                + "still out of pool web");
        assertThat(expiry.dedupKey()).isEqualTo("release-gate/watch/web/hold/web-02");
        assertThat(result.findings()).anySatisfy(f -> assertThat(f).contains("the first cycle after the hold ended "
                + "pages alice"));
        assertThat(result.timeline()).extracting(TimedStep::name).contains("hold web-02", "the load test ends",
                "put web-02 back");
    }

    @Test
    void shouldPageASlowBackendOnlyAfterTwoCycles(@TempDir Path dir) throws Exception {
        DrillResult result = run("slow-backend", dir);

        assertAllOk(result);
        assertThat(result.events()).extracting(PagerDutyEndpoint.Event::action).contains("trigger", "resolve");
        assertThat(result.events().get(0).summary()).contains("[on-call chain] release-gate watch: pool web: ");
    }

    @Test
    void shouldCatchTheWeightTypoByItsSharesAndRollItBack(@TempDir Path dir) throws Exception {
        DrillResult result = run("weight-typo", dir);

        assertAllOk(result);
        assertThat(result.run().outcome()).isEqualTo(GateOutcome.ROLLED_BACK);
        assertThat(result.run().verification().observed().get("web-02"))
                .isGreaterThan(result.run().verification().observed().get("web-01"));
    }

    @Test
    void shouldCatchTheRemovedHealthCheckAndPageThatWebTwoIsStillDown(@TempDir Path dir) throws Exception {
        DrillResult result = run("health-check-removed", dir);

        assertAllOk(result);
        assertThat(result.run().outcome()).isEqualTo(GateOutcome.UNRECOVERED);
        assertThat(result.events()).extracting(PagerDutyEndpoint.Event::severity).contains("critical");
    }

    @Test
    void shouldRunTheIncidentAsTheMainScenario(@TempDir Path dir) throws Exception {
        DrillResult result = run(null, dir);

        assertAllOk(result);
        assertThat(result.scenario()).isEqualTo("removed-server");
        assertThat(result.run().outcome()).isEqualTo(GateOutcome.ROLLED_BACK);
    }

    @Test
    void shouldNameTheKnownScenariosForAnUnknownOne(@TempDir Path dir) {
        assertThatThrownBy(() -> run("fire", dir)).hasMessage("unknown scenario 'fire' (forgotten-hold, "
                + "removed-server, weight-typo, health-check-removed, slow-backend)");
        assertThatThrownBy(() -> DrillScenarios.start("health-check-removed", new DrillOptions(
                DrillOptions.Balancer.NGINX, dir, DrillOptions.DEFAULT_RATE), new BufferedLog()))
                .hasMessageContaining("needs health checks");
        assertThat(Duration.ofSeconds(2)).isEqualTo(WatchDrill.EVERY);
    }
}
