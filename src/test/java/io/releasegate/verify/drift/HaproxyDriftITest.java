package io.releasegate.verify.drift;

import io.releasegate.live.AdminState;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.testing.LiveFixture;
import io.releasegate.live.LiveServer;
import io.releasegate.live.OperationalState;
import io.releasegate.live.StatsPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.FreePorts;
import io.releasegate.testing.StallingBackend;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.Verdict;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drift against a real HAProxy 2.6, its state changed over its own runtime API socket. */
class HaproxyDriftITest {
    private static CheckResult resultFor(DriftReport report, String server) {
        return report.results().stream().filter(r -> r.subject().equals(server)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassWhenEveryDeclaredServerIsReadyLive(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            assertThat(report.results()).extracting(CheckResult::status)
                    .containsExactly(CheckStatus.PASS, CheckStatus.PASS);
            assertThat(report.live()).extracting(LiveServer::address)
                    .containsExactly(live.web1.address(), live.web2.address());
            assertThat(Verdict.of(report.results())).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void shouldFailWhenWeb02IsPutInMaintenanceOverTheSocket(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange: exactly what happened in the incident
            String answer = live.runtime().execute("set server web/web-02 state maint");

            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            assertThat(answer).isBlank();
            CheckResult web02 = resultFor(report, "web-02");
            assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(web02.reason()).isEqualTo("web-02 is declared in haproxy.cfg:" + live.line("web-02")
                    + " but is in MAINT (set by the runtime API) on the live load balancer: it receives no traffic");
            assertThat(resultFor(report, "web-01").status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void shouldFailWhenWeb02IsDrained(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange
            live.runtime().setState("web", "web-02", AdminState.DRAIN);

            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            CheckResult web02 = resultFor(report, "web-02");
            assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(web02.reason()).contains("is in DRAIN (set by the runtime API)");
        }
    }

    @Test
    void shouldFailWhenAWeightIsChangedLive(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange
            live.runtime().setWeight("web", "web-01", 7);

            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            CheckResult web01 = resultFor(report, "web-01");
            assertThat(web01.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(web01.reason()).endsWith("has weight 7 live instead of the declared 1: its share of traffic "
                    + "differs");
        }
    }

    @Test
    void shouldFailWhenTheLiveConfigLacksADeclaredServer(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.startWithoutWeb02(dir)) {
            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            CheckResult web02 = resultFor(report, "web-02");
            assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(web02.reason()).isEqualTo("web-02 is declared in haproxy.cfg:" + live.line("web-02")
                    + " but is absent from backend web on the live load balancer: it receives no traffic");
        }
    }

    @Test
    void shouldFailAServerDownByItsHealthCheck(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange: HAProxy checks every second, fall 3: wait (bounded) until it marks web-02 down
            live.web2.healthStatus(503);
            live.awaitServer("web-02", s -> s.operationalState() == OperationalState.DOWN);

            // act
            DriftReport report = DriftChecker.check(live.declared, live.runtime());

            // assert
            CheckResult web02 = resultFor(report, "web-02");
            assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(web02.reason()).contains("is down on the live load balancer: health check failing (L7STS");
        }
    }

    @Test
    void shouldClassifyTheStatsPageLikeTheSocket(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange
            live.runtime().setState("web", "web-02", AdminState.MAINT);
            live.runtime().setWeight("web", "web-01", 3);

            // act
            DriftReport fromSocket = DriftChecker.check(live.declared, live.runtime());
            DriftReport fromPage = DriftChecker.check(live.declared, live.statsPage());
            List<CheckResult> fromShowStat = DriftChecker.compare(live.declared, live.runtime().showStat("web"));

            // assert
            assertThat(fromPage.results()).extracting(CheckResult::subject, CheckResult::status)
                    .containsExactlyElementsOf(fromSocket.results().stream()
                            .map(r -> org.assertj.core.groups.Tuple.tuple(r.subject(), r.status())).toList());
            assertThat(fromShowStat).extracting(CheckResult::status)
                    .containsExactly(CheckStatus.FAIL, CheckStatus.FAIL);
            assertThat(resultFor(fromPage, "web-02").reason()).contains("is in MAINT").contains("no traffic");
            assertThat(resultFor(fromPage, "web-01").reason()).contains("has weight 3 live instead of the declared 1");
            assertThat(fromPage.source()).startsWith("stats page http://127.0.0.1:");
        }
    }

    @Test
    void shouldGiveAnErrorInWordsWhenTheSocketOrThePageIsUnreachable(@TempDir Path dir) {
        // arrange
        HaproxyRuntime noSocket = new HaproxyRuntime(dir.resolve("missing.sock"), Duration.ofSeconds(1));
        StatsPage noPage = new StatsPage(URI.create("http://127.0.0.1:" + FreePorts.next() + "/stats;csv"),
                Duration.ofSeconds(1));
        io.releasegate.config.Pool pool = new io.releasegate.config.Pool("web", "roundrobin", "", "haproxy.cfg", 1,
                List.of(io.releasegate.config.Server.builder("web-01").address("127.0.0.1", 8081).build()));

        // act
        DriftReport socketReport = DriftChecker.check(pool, noSocket);
        DriftReport pageReport = DriftChecker.check(pool, noPage);

        // assert
        assertThat(socketReport.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(r.reason()).contains("missing.sock does not exist").doesNotContain("Exception");
        });
        assertThat(pageReport.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(r.reason()).contains("cannot reach the stats page").contains("connection refused");
        });
        assertThat(Verdict.of(socketReport.results())).isEqualTo(Verdict.ERROR);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a read that waits for ever fails here
    void shouldGiveAnErrorInTimeWhenTheStatsPageStallsInTheMiddleOfItsBody() {
        try (StallingBackend stalling = StallingBackend.start()) {
            // arrange: headers and 5 of 100 bytes, then nothing
            StatsPage page = new StatsPage(URI.create(stalling.url("/stats;csv")), Duration.ofMillis(400));
            io.releasegate.config.Pool pool = new io.releasegate.config.Pool("web", "roundrobin", "", "haproxy.cfg",
                    1, List.of(io.releasegate.config.Server.builder("web-01").address("127.0.0.1", 8081).build()));
            long start = System.nanoTime();

            // act
            DriftReport report = DriftChecker.check(pool, page);

            // assert
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(report.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
                assertThat(r.reason()).contains("did not answer within 400 ms");
            });
            assertThat(elapsedMs).isLessThan(2500);
        }
    }

    @Test
    void shouldReadAStatsPageBehindBasicAuthWithoutShowingThePassword(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir, config -> config.replace("    stats uri /stats\n",
                "    stats uri /stats\n    stats auth release-gate:s3cret\n"))) {
            // arrange
            String page = "http://127.0.0.1:" + live.statsPort + "/stats";
            StatsPage anonymous = new StatsPage(URI.create(page), LiveFixture.TIMEOUT);
            StatsPage withCredentials = new StatsPage(URI.create(page.replace("//", "//release-gate:s3cret@")),
                    LiveFixture.TIMEOUT);

            // act
            DriftReport refused = DriftChecker.check(live.declared, anonymous);
            DriftReport read = DriftChecker.check(live.declared, withCredentials);

            // assert
            assertThat(refused.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
                assertThat(r.reason()).contains("answered HTTP 401").contains("it needs credentials");
            });
            assertThat(read.results()).extracting(CheckResult::status)
                    .containsExactly(CheckStatus.PASS, CheckStatus.PASS);
            assertThat(read.source()).isEqualTo("stats page " + page + ";csv").doesNotContain("s3cret");
        }
    }

    @Test
    void shouldReadWeightZeroAsAWeightOnBothSources(@TempDir Path dir) throws Exception {
        try (LiveFixture live = LiveFixture.start(dir)) {
            // arrange: HAProxy 2.6 shows it UP with weight 0 on the stats page, READY with uweight 0 on the socket
            live.runtime().setWeight("web", "web-02", 0);

            // act
            LiveServer fromSocket = live.runtime().read("web").server("web-02").orElseThrow();
            LiveServer fromPage = live.statsPage().read("web").server("web-02").orElseThrow();
            DriftReport report = DriftChecker.check(live.declared, live.statsPage());

            // assert
            assertThat(fromSocket.adminState()).isEqualTo(AdminState.READY);
            assertThat(fromPage.adminState()).isEqualTo(AdminState.READY);
            assertThat(fromPage.weight()).isZero();
            assertThat(resultFor(report, "web-02").reason()).endsWith("has weight 0 live instead of the declared 1: "
                    + "it receives no traffic");
        }
    }
}
