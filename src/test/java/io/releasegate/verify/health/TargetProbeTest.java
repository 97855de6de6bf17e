package io.releasegate.verify.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.probe.Permits;
import org.junit.jupiter.api.Test;

class TargetProbeTest {
    private static final HealthTarget TARGET = new HealthTarget("web-01", URI.create("http://127.0.0.1:1/health"));

    /** A scripted port: answers with the given latencies in milliseconds, in order. */
    private static HealthProbe answering(Long... millis) {
        Deque<Long> queue = new ArrayDeque<>(List.of(millis));
        return (url, timeout) -> new HealthProbe.Response(200, "ok", queue.removeFirst() * 1_000_000);
    }

    @Test
    void shouldLeaveTheFirstProbeOutOfTheLatencyFigures() {
        // arrange: the first probe paid the connection and the client's start-up
        TargetProbe probe = new TargetProbe(answering(320L, 7L, 9L), HealthOptions.DEFAULTS, null, Permits.UNLIMITED);

        // act
        HealthObservation observation = probe.observe(TARGET);

        // assert
        assertThat(observation.statusCodes()).containsExactly(200, 200, 200);
        assertThat(observation.latencyP50Ms()).isEqualTo(7);
        assertThat(observation.latencyP95Ms()).isEqualTo(9);
    }

    @Test
    void shouldCountTheOnlyProbeWhenThereIsOne() {
        // arrange
        TargetProbe probe = new TargetProbe(answering(320L), HealthOptions.DEFAULTS.withProbes(1), null, Permits.UNLIMITED);

        // act
        HealthObservation observation = probe.observe(TARGET);

        // assert
        assertThat(observation.latencyP95Ms()).isEqualTo(320);
    }

    @Test
    void shouldStopProbingATargetAfterATransportFailure() {
        // arrange
        int[] calls = {0};
        HealthProbe refusing = (url, timeout) -> {
            calls[0]++;
            throw new ConnectException();
        };

        // act
        HealthObservation observation = new TargetProbe(refusing, HealthOptions.DEFAULTS, null, Permits.UNLIMITED).observe(TARGET);

        // assert
        assertThat(calls[0]).isEqualTo(1);
        assertThat(observation.error()).isEqualTo("connection refused");
        assertThat(observation.allAnswered()).isFalse();
    }

    @Test
    void shouldTurnAnUnexpectedIoErrorIntoItsMessage() {
        // arrange
        HealthProbe broken = (url, timeout) -> {
            throw new IOException("received no bytes");
        };

        // act
        HealthObservation observation = new TargetProbe(broken, HealthOptions.DEFAULTS, null, Permits.UNLIMITED).observe(TARGET);

        // assert
        assertThat(observation.error()).isEqualTo("received no bytes");
    }

    @Test
    void shouldSendNoProbeWithoutAPermitAndSayTheServerIsNotDecided() {
        // arrange: the run's budget has room for one probe before the deadline, not for three
        int[] calls = {0};
        HealthProbe counting = (url, timeout) -> {
            calls[0]++;
            return new HealthProbe.Response(200, "ok", 1_000_000);
        };
        int[] permits = {1};
        Permits one = () -> permits[0]-- > 0;

        // act
        HealthObservation observation = new TargetProbe(counting, HealthOptions.DEFAULTS, null, one).observe(TARGET);
        CheckResult result = HealthClassifier.classify(observation, HealthOptions.DEFAULTS);

        // assert
        assertThat(calls[0]).isEqualTo(1);
        assertThat(observation.probes()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(result.reason()).isEqualTo("web-01: 1 of 3 probes of http://127.0.0.1:1/health sent before the "
                + "deadline (the --rate budget had no room for the rest): not decided");
    }

    @Test
    void shouldStillFailAServerThatAnsweredBadlyBeforeTheBudgetRanOut() {
        // arrange
        HealthProbe failing = (url, timeout) -> new HealthProbe.Response(503, "down", 1_000_000);
        int[] permits = {1};

        // act
        HealthObservation observation = new TargetProbe(failing, HealthOptions.DEFAULTS, null,
                () -> permits[0]-- > 0).observe(TARGET);
        CheckResult result = HealthClassifier.classify(observation, HealthOptions.DEFAULTS);

        // assert
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).isEqualTo("web-01: 503 from http://127.0.0.1:1/health");
    }
}
