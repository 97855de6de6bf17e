package io.releasegate.verify.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthClassifierTest {
    private static final String URL = "http://127.0.0.1:8082/health";
    private static final HealthOptions OPTIONS = HealthOptions.DEFAULTS.withLatencyP95Ms(500);

    private static HealthObservation observed(List<Integer> codes, long p95, boolean matched, String error) {
        return new HealthObservation("web-02", URL, 3, codes, p95 < 0 ? -1 : p95 / 2, p95, matched, error);
    }

    @Test
    void shouldPassAHealthyServer() {
        // arrange
        HealthObservation healthy = observed(List.of(200, 200, 200), 12, true, "");

        // act
        CheckResult result = HealthClassifier.classify(healthy, OPTIONS);

        // assert
        assertThat(result).isEqualTo(CheckResult.pass("health", "web-02",
                "web-02: 200 from " + URL + " (3 probes), p95 latency 12 ms"));
    }

    @Test
    void shouldFailAnErrorStatus() {
        // arrange
        HealthObservation unavailable = observed(List.of(503, 503, 503), 3, true, "");

        // act
        CheckResult result = HealthClassifier.classify(unavailable, OPTIONS);

        // assert
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).isEqualTo("web-02: 503 from " + URL);
    }

    @Test
    void shouldSayHowManyProbesFailedWhenOnlySomeDid() {
        // arrange
        HealthObservation flapping = observed(List.of(200, 500, 200), 3, true, "");

        // act
        CheckResult result = HealthClassifier.classify(flapping, OPTIONS);

        // assert
        assertThat(result.reason()).isEqualTo("web-02: 500 from " + URL + " (1 of 3 probes)");
    }

    @Test
    void shouldFailASlowServerWithBothFigures() {
        // arrange
        HealthObservation slow = observed(List.of(200, 200, 200), 830, true, "");

        // act
        CheckResult result = HealthClassifier.classify(slow, OPTIONS);

        // assert
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).isEqualTo("web-02: p95 latency 830 ms above 500 ms at " + URL);
    }

    @Test
    void shouldNotJudgeLatencyWhenTheThresholdIsOff() {
        // arrange
        HealthObservation slow = observed(List.of(200, 200, 200), 830, true, "");

        // act
        CheckResult result = HealthClassifier.classify(slow, OPTIONS.withLatencyP95Ms(0));

        // assert
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldFailATransportErrorAndABodyMismatch() {
        // arrange
        HealthObservation refused = observed(List.of(), -1, true, "connection refused");
        HealthObservation wrongBody = observed(List.of(200, 200, 200), 5, false, "");

        // act
        CheckResult refusedResult = HealthClassifier.classify(refused, OPTIONS);
        CheckResult bodyResult = HealthClassifier.classify(wrongBody, OPTIONS.withBodyRegex("\"status\":\"UP\""));

        // assert
        assertThat(refusedResult.reason()).isEqualTo("web-02: connection refused at " + URL);
        assertThat(bodyResult.reason()).isEqualTo("web-02: body of " + URL + " does not match /\"status\":\"UP\"/");
    }

    @Test
    void shouldTakeTheNearestRankPercentile() {
        // arrange
        List<Long> latencies = List.of(40L, 10L, 30L, 20L);

        // act + assert
        assertThat(TargetProbe.percentile(latencies, 50)).isEqualTo(20);
        assertThat(TargetProbe.percentile(latencies, 95)).isEqualTo(40);
        assertThat(TargetProbe.percentile(List.of(), 95)).isEqualTo(-1);
    }
}
