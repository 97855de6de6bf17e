package io.releasegate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.metrics.BackendSample.LiveState;
import io.releasegate.testing.PrometheusProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/grafana/release-gate-watch.json stays true: a real Prometheus, scraping the watch's metrics, accepts every
 * query of the dashboard, and each panel shows data.
 */
class GrafanaDashboardITest {
    @Test
    void shouldAnswerEveryQueryOfTheDashboardWithData(@TempDir Path dir) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("docs/grafana/release-gate-watch.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText().replace("$pool", ".*"));
            }
        }
        try (WatchMetrics metrics = new WatchMetrics().serve("127.0.0.1", 0);
                PrometheusProcess prometheus = PrometheusProcess.scraping(dir, metrics.port())) {
            metrics.record(new PoolSample("web", "FAIL", List.of(
                    new BackendSample("web-01", OptionalDouble.of(1.0), 0.5, Optional.of(true),
                            OptionalDouble.of(0.004), Optional.of(LiveState.READY), Optional.of(false)),
                    new BackendSample("web-02", OptionalDouble.of(0.0), 0.5, Optional.of(true),
                            OptionalDouble.of(0.005), Optional.of(LiveState.MAINT), Optional.of(true))),
                    List.of(new PoolSample.HoldSample("web-02", "alice", -30))));
            metrics.conditions("web", Set.of("hold/web-02"), Set.of("hold/web-02"));
            metrics.cycle(0.4, 24, System.currentTimeMillis() / 1000.0);
            // rate() needs two scrapes
            prometheus.await("count_over_time(release_gate_watch_cycles_total[1m])", v -> v >= 2,
                    Duration.ofSeconds(20));

            assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
            for (String query : queries) {
                assertThat(prometheus.series(query).size()).as(query).isPositive();
            }
        }
    }
}
