package io.releasegate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** docs/watch.md stays true: it shows the dashboard file as it is and names every metric the watch serves. */
class WatchDocsTest {
    @Test
    void shouldShowTheDashboardFileAndEveryMetric() throws Exception {
        String doc = Files.readString(Path.of("docs/watch.md"));
        String dashboard = Files.readString(Path.of("docs/grafana/release-gate-watch.json"));
        WatchMetrics metrics = new WatchMetrics();
        metrics.record(new PoolSample("web", "PASS", List.of(new BackendSample("web-01", OptionalDouble.of(1),
                1, Optional.of(true), OptionalDouble.of(0.01), Optional.of(BackendSample.LiveState.READY),
                Optional.of(false))), List.of(new PoolSample.HoldSample("web-02", "alice", 60))));
        metrics.conditions("web", java.util.Set.of(), java.util.Set.of("drift"));
        metrics.cycle(1, 1, 1);

        assertThat(doc).contains(dashboard);
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            String name = snapshot.getMetadata().getPrometheusName();
            String shown = snapshot instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot
                    ? name + "_total" : name;
            assertThat(doc).as(shown).contains("`" + shown + "`");
        }
    }
}
