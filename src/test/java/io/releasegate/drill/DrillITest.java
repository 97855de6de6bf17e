package io.releasegate.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.releasegate.gate.GateOutcome;
import io.releasegate.log.TimedStep;
import io.releasegate.log.BufferedLog;
import io.releasegate.verify.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill, in-process: the gate must catch the incident on every load balancer that is installed. */
class DrillITest {
    @Test
    void shouldCatchTheIncidentWithTheEmbeddedLoadBalancer(@TempDir Path dir) throws Exception {
        // act
        DrillResult result = drill(DrillOptions.Balancer.EMBEDDED, dir);

        // assert
        assertCaught(result);
    }

    @Test
    void shouldCatchTheIncidentWithRealHaproxy(@TempDir Path dir) throws Exception {
        // arrange
        assumeTrue(ProcessBalancer.haproxy(dir, 1).isPresent(), "haproxy is not installed");

        // act
        DrillResult result = drill(DrillOptions.Balancer.HAPROXY, dir);

        // assert
        assertCaught(result);
        assertThat(result.timeline()).filteredOn(step -> step.name().equals("start load balancer"))
                .singleElement().satisfies(step -> assertThat(step.detail()).startsWith("HAProxy ("));
    }

    @Test
    void shouldCatchTheIncidentWithRealNginx(@TempDir Path dir) throws Exception {
        // arrange
        assumeTrue(ProcessBalancer.nginx(dir, 1).isPresent(), "nginx is not installed");

        // act
        DrillResult result = drill(DrillOptions.Balancer.NGINX, dir);

        // assert
        assertCaught(result);
    }

    /** Runs one drill and stops every piece it started. */
    private static DrillResult drill(DrillOptions.Balancer balancer, Path dir) throws Exception {
        try (Drill drill = new Drill(new DrillOptions(balancer, dir, DrillOptions.DEFAULT_RATE), new BufferedLog())) {
            return drill.run();
        }
    }

    private static void assertCaught(DrillResult result) {
        assertThat(result.findings()).allSatisfy(finding -> assertThat(finding).startsWith("ok: "));
        assertThat(result.caught()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.run().outcome()).isEqualTo(GateOutcome.ROLLED_BACK);
        assertThat(result.run().verification().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.run().verification().observed().get("web-02")).isZero();
        assertThat(result.run().reverification().verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.timeline()).extracting(TimedStep::name).containsExactly("start backends",
                "create repository", "start load balancer", "commit change", "simulated sign-off", "diff", "sign-off",
                "deploy", "verify", "page trigger", "rollback", "re-verify", "page resolve", "check");
        assertThat(result.timeline()).extracting(TimedStep::status).containsOnly(TimedStep.Status.OK,
                TimedStep.Status.FAILED);
        assertThat(result.events()).extracting(PagerDutyEndpoint.Event::action).containsExactly("trigger", "resolve");
        assertThat(result.events().get(0).dedupKey()).isEqualTo(result.events().get(1).dedupKey())
                .startsWith("release-gate/drill/web/");
        assertThat(result.endpoints().values()).allSatisfy(address -> assertThat(address)
                .doesNotContain("localhost").satisfiesAnyOf(a -> assertThat(a).contains("127.0.0.1"),
                        a -> assertThat(a).startsWith("/")));
    }
}
