package io.releasegate.verify.drift;

import io.releasegate.live.AdminState;
import io.releasegate.testing.Captured;
import io.releasegate.live.LiveBackend;
import io.releasegate.live.LiveServer;
import io.releasegate.live.LiveStateException;
import io.releasegate.live.LiveStateSource;
import io.releasegate.live.OperationalState;
import io.releasegate.live.ServersStateParser;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftCheckerTest {
    private static final Pool POOL = new Pool("web", "roundrobin", "http GET /health", "haproxy.cfg", 10, List.of(
            Server.builder("web-01").address("127.0.0.1", 8081).weight(1).healthCheck(true).line(11).build(),
            Server.builder("web-02").address("127.0.0.1", 8082).weight(1).healthCheck(true).line(12).build()));

    private static LiveServer ready(String name, String address, int weight) {
        return new LiveServer(name, address, OperationalState.UP, AdminState.READY, "", weight, "");
    }

    private static LiveBackend live(LiveServer... servers) {
        return new LiveBackend("web", "runtime API /tmp/haproxy.sock", true, List.of(servers));
    }

    private static CheckResult resultFor(List<CheckResult> results, String subject) {
        return results.stream().filter(r -> r.subject().equals(subject)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassWhenTheLivePoolIsTheDeclaredPool() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), ready("web-02", "127.0.0.1:8082", 1));

        // act
        List<CheckResult> results = DriftChecker.compare(POOL, live);

        // assert
        assertThat(results).extracting(CheckResult::status).containsExactly(CheckStatus.PASS, CheckStatus.PASS);
        assertThat(results).allSatisfy(r -> assertThat(r.check()).isEqualTo("drift"));
        assertThat(resultFor(results, "web-02").reason())
                .isEqualTo("web-02 is READY and UP, weight 1 on the live load balancer, as declared in haproxy.cfg:12");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldFailTheIncidentAServerLeftInMaintenance() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), new LiveServer("web-02", "127.0.0.1:8082",
                OperationalState.DOWN, AdminState.MAINT, "set by the runtime API", 1, ""));

        // act
        List<CheckResult> results = DriftChecker.compare(POOL, live);

        // assert
        CheckResult web02 = resultFor(results, "web-02");
        assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(web02.reason()).isEqualTo("web-02 is declared in haproxy.cfg:12 but is in MAINT (set by the "
                + "runtime API) on the live load balancer: it receives no traffic");
        assertThat(resultFor(results, "web-01").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void shouldFailADrainedServer() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), new LiveServer("web-02", "127.0.0.1:8082",
                OperationalState.UP, AdminState.DRAIN, "set by the runtime API", 1, ""));

        // act
        CheckResult web02 = resultFor(DriftChecker.compare(POOL, live), "web-02");

        // assert
        assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(web02.reason()).contains("is in DRAIN (set by the runtime API)").contains("no new traffic");
    }

    @Test
    void shouldFailAServerAbsentLiveAndAMissingBackend() {
        // arrange
        LiveBackend withoutWeb02 = live(ready("web-01", "127.0.0.1:8081", 1));
        LiveBackend noBackend = new LiveBackend("web", "stats page", false, List.of());

        // act
        CheckResult absent = resultFor(DriftChecker.compare(POOL, withoutWeb02), "web-02");
        List<CheckResult> missing = DriftChecker.compare(POOL, noBackend);

        // assert
        assertThat(absent.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(absent.reason()).isEqualTo("web-02 is declared in haproxy.cfg:12 but is absent from backend web "
                + "on the live load balancer: it receives no traffic");
        assertThat(missing).extracting(CheckResult::status).containsOnly(CheckStatus.FAIL).hasSize(2);
        assertThat(missing.get(0).reason()).contains("has no backend web");
    }

    @Test
    void shouldFailAWeightChangedLive() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), ready("web-02", "127.0.0.1:8082", 5));

        // act
        CheckResult web02 = resultFor(DriftChecker.compare(POOL, live), "web-02");

        // assert
        assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(web02.reason()).isEqualTo("web-02 is declared in haproxy.cfg:12 but has weight 5 live instead "
                + "of the declared 1: its share of traffic differs");
    }

    @Test
    void shouldFailAnUndeclaredLiveServer() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), ready("web-02", "127.0.0.1:8082", 1),
                ready("web-03", "127.0.0.1:8083", 1));

        // act
        List<CheckResult> results = DriftChecker.compare(POOL, live);

        // assert
        assertThat(results).hasSize(3);
        CheckResult web03 = resultFor(results, "web-03");
        assertThat(web03.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(web03.reason()).isEqualTo("web-03 is on the live load balancer (backend web, 127.0.0.1:8083, "
                + "READY and UP, weight 1) but not declared in haproxy.cfg: it receives traffic that git does not "
                + "know about");
    }

    @Test
    void shouldFailAServerDownByItsHealthCheck() {
        // arrange
        LiveBackend live = live(ready("web-01", "127.0.0.1:8081", 1), new LiveServer("web-02", "127.0.0.1:8082",
                OperationalState.DOWN, AdminState.READY, "", 1, "L7STS 503, Layer7 wrong status"));

        // act
        CheckResult web02 = resultFor(DriftChecker.compare(POOL, live), "web-02");

        // assert
        assertThat(web02.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(web02.reason()).contains("down on the live load balancer: health check failing "
                + "(L7STS 503, Layer7 wrong status)");
    }

    @Test
    void shouldFailAnAddressThatPointsElsewhereButNotAHostName() {
        // arrange
        Pool byName = new Pool("web", "roundrobin", "", "lb/haproxy.cfg", 3, List.of(
                Server.builder("web-01").address("web-01.internal", 80).line(4).build(),
                Server.builder("web-02").address("10.0.0.2", 80).line(5).build()));
        LiveBackend live = live(ready("web-01", "10.0.0.1:80", 1), ready("web-02", "10.0.0.9:80", 1));

        // act
        List<CheckResult> results = DriftChecker.compare(byName, live);

        // assert
        assertThat(resultFor(results, "web-01").status()).isEqualTo(CheckStatus.PASS);
        assertThat(resultFor(results, "web-02").reason()).isEqualTo("web-02 is declared in lb/haproxy.cfg:5 but "
                + "points at 10.0.0.9:80 live instead of the declared 10.0.0.2:80");
    }

    @Test
    void shouldAcceptADisabledServerOnlyWhileItTakesNoTraffic() {
        // arrange
        Pool withDisabled = new Pool("web", "roundrobin", "", "haproxy.cfg", 1, List.of(
                Server.builder("web-01").address("127.0.0.1", 8081).line(2).build(),
                Server.builder("web-04").address("127.0.0.1", 8084).disabled(true).line(3).build()));
        LiveServer web01 = ready("web-01", "127.0.0.1:8081", 1);
        LiveServer maint = new LiveServer("web-04", "127.0.0.1:8084", OperationalState.DOWN, AdminState.MAINT,
                "disabled in the live configuration", 1, "");

        // act
        CheckResult quiet = resultFor(DriftChecker.compare(withDisabled, live(web01, maint)), "web-04");
        CheckResult serving = resultFor(DriftChecker.compare(withDisabled,
                live(web01, ready("web-04", "127.0.0.1:8084", 1))), "web-04");

        // assert
        assertThat(quiet.status()).isEqualTo(CheckStatus.PASS);
        assertThat(serving.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(serving.reason()).contains("as disabled but is READY and UP").contains("git says it must not");
    }

    @Test
    void shouldGiveOneErrorWithTheReasonWhenTheSourceCannotBeRead() {
        // arrange
        LiveStateSource unreachable = new LiveStateSource() {
            @Override
            public LiveBackend read(String backend) throws LiveStateException {
                throw new LiveStateException("the HAProxy runtime API socket /nope.sock does not exist");
            }

            @Override
            public String describe() {
                return "runtime API /nope.sock";
            }
        };

        // act
        DriftReport report = DriftChecker.check(POOL, unreachable);

        // assert
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(r.subject()).isEqualTo("web");
            assertThat(r.reason()).isEqualTo("cannot read the live state of web: the HAProxy runtime API socket "
                    + "/nope.sock does not exist");
        });
        assertThat(report.source()).isEqualTo("runtime API /nope.sock");
        assertThat(report.live()).isEmpty();
    }

    @Test
    void shouldClassifyTheCapturedIncidentAsDrift() throws Exception {
        // arrange: real 'show servers state' after 'set server web/web-02 state maint'
        Pool declared = new Pool("web", "roundrobin", "", "haproxy.cfg", 17, List.of(
                Server.builder("web-01").address("127.0.0.1", 18081).line(20).build(),
                Server.builder("web-02").address("127.0.0.1", 18082).line(21).build()));
        LiveBackend live = ServersStateParser.parse(Captured.read("servers-state-maint.txt"), "web", "runtime API");

        // act
        List<CheckResult> results = DriftChecker.compare(declared, live);

        // assert
        assertThat(resultFor(results, "web-01").status()).isEqualTo(CheckStatus.PASS);
        assertThat(resultFor(results, "web-02").reason()).isEqualTo("web-02 is declared in haproxy.cfg:21 but is in "
                + "MAINT (set by the runtime API) on the live load balancer: it receives no traffic");
        assertThat(resultFor(results, "web-03").reason()).contains("not declared");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.FAIL);
    }
}
