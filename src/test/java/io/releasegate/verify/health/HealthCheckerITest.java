package io.releasegate.verify.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.BufferedLog;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.StallingBackend;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Health probes against real HTTP backends on loopback. */
class HealthCheckerITest {
    private final BufferedLog log = new BufferedLog();
    private final HealthChecker checker = new HealthChecker(HealthProbe.jdk(), log);

    private static HealthTarget target(String name, String url) {
        return new HealthTarget(name, URI.create(url));
    }

    @Test
    void shouldPassHealthyBackends() {
        try (HttpBackend web1 = HttpBackend.start("web-01"); HttpBackend web2 = HttpBackend.start("web-02")) {
            // arrange
            List<HealthTarget> targets = List.of(target("web-01", "http://" + web1.address() + "/health"),
                    target("web-02", "http://" + web2.address() + "/health"));

            // act
            HealthReport report = checker.check(targets, HealthOptions.DEFAULTS.withBodyRegex("^ok"));

            // assert
            assertThat(report.results()).extracting(CheckResult::status)
                    .containsExactly(CheckStatus.PASS, CheckStatus.PASS);
            HealthObservation web02 = report.observation("web-02").orElseThrow();
            assertThat(web02.statusCodes()).containsExactly(200, 200, 200);
            assertThat(web02.latencyP95Ms()).isBetween(0L, 1000L);
            assertThat(web02.bodyMatched()).isTrue();
            assertThat(log.entries()).hasSize(2);
        }
    }

    @Test
    void shouldFailABackendAnswering503OnHealth() {
        try (HttpBackend web2 = HttpBackend.start("web-02")) {
            // arrange
            web2.healthStatus(503);
            String url = "http://" + web2.address() + "/health";

            // act
            HealthReport report = checker.check(List.of(target("web-02", url)), HealthOptions.DEFAULTS);

            // assert
            assertThat(report.results()).singleElement()
                    .isEqualTo(CheckResult.fail("health", "web-02", "web-02: 503 from " + url));
            assertThat(report.observation("web-02").orElseThrow().statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldFailASlowHealthEndpointPastTheLatencyThreshold() {
        try (HttpBackend slow = HttpBackend.start("web-02")) {
            // arrange: the harness delays every path but /health, so /ready is a slow health endpoint
            slow.delayMillis(300);
            String url = "http://" + slow.address() + "/ready";

            // act
            HealthReport report = checker.check(List.of(target("web-02", url)),
                    HealthOptions.DEFAULTS.withLatencyP95Ms(150).withProbes(2));

            // assert
            CheckResult result = report.results().get(0);
            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            long p95 = report.observation("web-02").orElseThrow().latencyP95Ms();
            assertThat(p95).isGreaterThanOrEqualTo(300);
            assertThat(result.reason()).isEqualTo("web-02: p95 latency " + p95 + " ms above 150 ms at " + url);
            assertThat(slow.requests()).isEqualTo(2);
        }
    }

    @Test
    void shouldFailARefusedConnectionWithAClearReason() {
        // arrange: nothing listens on this port
        String url = "http://127.0.0.1:" + FreePorts.next() + "/health";

        // act
        HealthReport report = checker.check(List.of(target("web-02", url)), HealthOptions.DEFAULTS);

        // assert
        assertThat(report.results()).singleElement()
                .isEqualTo(CheckResult.fail("health", "web-02", "web-02: connection refused at " + url));
        HealthObservation observation = report.observation("web-02").orElseThrow();
        assertThat(observation.statusCodes()).isEmpty();
        assertThat(observation.latencyP95Ms()).isEqualTo(-1);
    }

    @Test
    void shouldFailABackendThatDoesNotAnswerWithinTheTimeoutAndStopProbingIt() {
        try (HttpBackend hanging = HttpBackend.start("web-02")) {
            // arrange
            hanging.delayMillis(3000);
            String url = "http://" + hanging.address() + "/ready";
            long start = System.nanoTime();

            // act
            HealthReport report = checker.check(List.of(target("web-02", url)),
                    HealthOptions.DEFAULTS.withTimeout(Duration.ofMillis(400)));

            // assert
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(report.results().get(0).reason()).isEqualTo("web-02: no answer within 400 ms at " + url);
            assertThat(elapsedMs).isLessThan(2500);
        }
    }

    @Test
    void shouldFailABodyThatDoesNotMatch() {
        try (HttpBackend web1 = HttpBackend.start("web-01")) {
            // arrange
            String url = "http://" + web1.address() + "/health";

            // act
            HealthReport report = checker.check(List.of(target("web-01", url)),
                    HealthOptions.DEFAULTS.withBodyRegex("\"status\":\\s*\"UP\""));

            // assert
            assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.FAIL);
            assertThat(report.results().get(0).reason()).contains("does not match");
            assertThat(report.observation("web-01").orElseThrow().bodyMatched()).isFalse();
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a probe that waits for ever fails here
    void shouldFailABackendThatStallsInTheMiddleOfItsBody() {
        try (StallingBackend stalling = StallingBackend.start()) {
            // arrange: headers and 5 of 100 bytes, then nothing
            String url = stalling.url("/health");
            long start = System.nanoTime();

            // act
            HealthReport report = checker.check(List.of(target("web-02", url)),
                    HealthOptions.DEFAULTS.withTimeout(Duration.ofMillis(400)));

            // assert
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(report.results()).singleElement()
                    .isEqualTo(CheckResult.fail("health", "web-02", "web-02: no answer within 400 ms at " + url));
            assertThat(elapsedMs).isLessThan(2500);
        }
    }
}
