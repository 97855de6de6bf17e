package io.releasegate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.metrics.BackendSample;
import io.releasegate.metrics.PoolSample;
import io.releasegate.metrics.WatchMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness: a real Prometheus scrapes the metrics endpoint of the client library and answers queries. */
class PrometheusHarnessITest {
    @Test
    void shouldScrapeTheMetricsEndpointAndAnswerAQuery(@TempDir Path dir) throws Exception {
        try (WatchMetrics metrics = new WatchMetrics().serve("127.0.0.1", 0);
                PrometheusProcess prometheus = PrometheusProcess.scraping(dir, metrics.port())) {
            metrics.record(new PoolSample("web", "FAIL", List.of(new BackendSample("web-02", OptionalDouble.of(0.0),
                    0.5, Optional.empty(), OptionalDouble.empty(), Optional.of(BackendSample.LiveState.MAINT),
                    Optional.of(true))), List.of()));

            double maint = prometheus.await("release_gate_backend_state{pool=\"web\",server=\"web-02\","
                    + "release_gate_backend_state=\"MAINT\"}", v -> v == 1, Duration.ofSeconds(20));

            assertThat(maint).isEqualTo(1);
            assertThat(prometheus.query("release_gate_backend_share{pool=\"web\",server=\"web-02\"}"))
                    .hasValue(0.0);
        }
    }
}
