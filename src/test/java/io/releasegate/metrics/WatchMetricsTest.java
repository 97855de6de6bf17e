package io.releasegate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.metrics.BackendSample.LiveState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchMetricsTest {
    private static BackendSample backend(String name, double observed, double declared, LiveState state) {
        return new BackendSample(name, OptionalDouble.of(observed), declared, Optional.of(true),
                OptionalDouble.of(0.012), Optional.of(state), Optional.of(state != LiveState.READY));
    }

    private static String scrape(WatchMetrics metrics) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void shouldServeEveryBackendHoldAndVerdictInTheExpositionFormat() throws Exception {
        try (WatchMetrics metrics = new WatchMetrics().serve("127.0.0.1", 0)) {
            metrics.record(new PoolSample("web", "FAIL", List.of(backend("web-01", 1.0, 0.5, LiveState.READY),
                    backend("web-02", 0.0, 0.5, LiveState.MAINT)),
                    List.of(new PoolSample.HoldSample("web-02", "alice", -60))));
            metrics.conditions("web", Set.of("hold"), Set.of("hold", "drift"));
            metrics.cycle(1.5, 12, 1.8e9);

            String text = scrape(metrics);

            assertThat(text).contains("release_gate_backend_share{pool=\"web\",server=\"web-02\"} 0.0")
                    .contains("release_gate_backend_share{pool=\"web\",server=\"web-01\"} 1.0")
                    .contains("release_gate_backend_declared_share{pool=\"web\",server=\"web-02\"} 0.5")
                    .contains("release_gate_backend_health{pool=\"web\",server=\"web-02\"} 1.0")
                    .contains("release_gate_backend_latency_p95_seconds{pool=\"web\",server=\"web-02\"} 0.012")
                    .contains("release_gate_backend_state{pool=\"web\",server=\"web-02\","
                            + "release_gate_backend_state=\"MAINT\"} 1")
                    .contains("release_gate_backend_state{pool=\"web\",server=\"web-02\","
                            + "release_gate_backend_state=\"READY\"} 0")
                    .contains("release_gate_backend_drift{pool=\"web\",server=\"web-02\"} 1.0")
                    .contains("release_gate_hold_seconds_to_expiry{owner=\"alice\",pool=\"web\",server=\"web-02\"} "
                            + "-60.0")
                    .contains("release_gate_pool_verdict{pool=\"web\",release_gate_pool_verdict=\"FAIL\"} 1")
                    .contains("release_gate_watch_condition{cause=\"hold\",pool=\"web\"} 1.0")
                    .contains("release_gate_watch_condition{cause=\"drift\",pool=\"web\"} 0.0")
                    .contains("release_gate_watch_cycles_total 1.0")
                    .contains("release_gate_watch_requests_total 12.0");
        }
    }

    @Test
    void shouldLeaveNoStaleSeriesWhenAServerOrAHoldIsGone() throws Exception {
        try (WatchMetrics metrics = new WatchMetrics().serve("127.0.0.1", 0)) {
            metrics.record(new PoolSample("web", "FAIL", List.of(backend("web-01", 1.0, 0.5, LiveState.READY),
                    backend("web-02", 0.0, 0.5, LiveState.MAINT)),
                    List.of(new PoolSample.HoldSample("web-02", "alice", 30))));
            metrics.record(new PoolSample("api", "PASS", List.of(backend("api-01", 1.0, 1.0, LiveState.READY)),
                    List.of()));

            metrics.record(new PoolSample("web", "PASS", List.of(backend("web-01", 1.0, 1.0, LiveState.READY)),
                    List.of()));
            String text = scrape(metrics);

            assertThat(text).doesNotContain("server=\"web-02\"").doesNotContain("release_gate_hold_seconds_to_expiry{")
                    .contains("release_gate_backend_share{pool=\"api\",server=\"api-01\"} 1.0")
                    .contains("release_gate_pool_verdict{pool=\"web\",release_gate_pool_verdict=\"PASS\"} 1")
                    .contains("release_gate_pool_verdict{pool=\"web\",release_gate_pool_verdict=\"FAIL\"} 0");
        }
    }
}
