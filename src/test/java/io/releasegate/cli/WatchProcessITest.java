package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.PrometheusProcess;
import io.releasegate.testing.RunningCli;
import io.releasegate.testing.WatchScene;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-gate watch} as its own process: Prometheus scrapes its metrics; SIGTERM ends it cleanly. */
class WatchProcessITest {
    @TempDir
    Path dir;

    @Test
    void shouldLetPrometheusReadTheShareOfWebTwoInMaintenance() throws Exception {
        try (WatchScene scene = WatchScene.start(dir.resolve("scene"))) {
            scene.policy(2, "", Map.of());
            new HaproxyRuntime(scene.haproxy().socket(), Duration.ofSeconds(2)).setState("web", "web-02",
                    AdminState.MAINT);
            int metricsPort = FreePorts.next();
            try (RunningCli watch = RunningCli.start(dir, "watch", "--repo", scene.repoDir.toString(), "--every", "1s",
                    "--metrics", "127.0.0.1:" + metricsPort);
                    PrometheusProcess prometheus = PrometheusProcess.scraping(dir, metricsPort)) {
                watch.await("watch: cycle 1:", 1, Duration.ofSeconds(30));

                double share = prometheus.await("release_gate_backend_share{pool=\"web\",server=\"web-02\"}",
                        v -> v == 0, Duration.ofSeconds(30));
                double web01 = prometheus.await("release_gate_backend_share{pool=\"web\",server=\"web-01\"}",
                        v -> v == 1, Duration.ofSeconds(30));
                double maint = prometheus.await("release_gate_backend_state{pool=\"web\",server=\"web-02\","
                        + "release_gate_backend_state=\"MAINT\"}", v -> v == 1, Duration.ofSeconds(30));
                double fail = prometheus.await("release_gate_pool_verdict{pool=\"web\","
                        + "release_gate_pool_verdict=\"FAIL\"}", v -> v == 1, Duration.ofSeconds(30));

                assertThat(share).isZero();
                assertThat(web01).isEqualTo(1);
                assertThat(maint).isEqualTo(1);
                assertThat(fail).isEqualTo(1);
                assertThat(prometheus.query("release_gate_backend_declared_share{pool=\"web\",server=\"web-02\"}"))
                        .hasValue(0.5);
            }
        }
    }

    @Test
    void shouldEndCleanlyOnSigterm() throws Exception {
        try (WatchScene scene = WatchScene.start(dir.resolve("scene"))) {
            scene.policy(2, "", Map.of());
            try (RunningCli watch = RunningCli.start(dir, "watch", "--repo", scene.repoDir.toString(), "--every",
                    "1s", "--state", dir.resolve("state.json").toString())) {
                watch.await("watch: cycle 2:", 1, Duration.ofSeconds(30));

                int exit = watch.terminate(Duration.ofSeconds(30));

                assertThat(exit).as(watch.output()).isZero();
                assertThat(watch.output()).containsPattern("watch: stopped after \\d+ cycle\\(s\\)");
                assertThat(dir.resolve("state.json")).exists();
            }
        }
    }
}
