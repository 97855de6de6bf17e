package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.Arrivals;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-gate verify} against a real HAProxy in front of real backends, run in-process. */
class VerifyHaproxyITest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LoadBalancers lbs = new LoadBalancers();

    @Test
    void shouldPassAHealthyTwoServerPool() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS").contains("web-01").contains("web-02")
                .contains("the observed shares fit the declared weights");
    }

    @Test
    void shouldPassAHealthyThreeServerPool() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"), lbs.backend("web-03"));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02,web-03", "--rate", "0",
                "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("\"verdict\" : \"PASS\"").contains("\"web-03\" : ");
    }

    @Test
    void shouldFailWithinAboutTwelveRequestsWhenWebTwoIsMissingFromTheLiveConfig() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), web1);

        long start = System.nanoTime();
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--format", "json",
                "--health", "web-02=http://" + web2.address() + "/health");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("\"missing\" : [ \"web-02\" ]")
                .contains("web-02 is healthy when asked directly but got none of 12 responses through the load "
                        + "balancer");
        assertThat(web1.requests()).isBetween(12, 16);
        assertThat(millis).isLessThan(3_000);
    }

    @Test
    void shouldFailWithDriftAndMissingWhenWebTwoIsPutInMaintenance() throws IOException {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));
        runtimeCommand(lb.socket(), "set server web/web-02 state maint");

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--pool", "web",
                "--haproxy-socket", lb.socket().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("\"missing\" : [ \"web-02\" ]").contains("MAINT");
        assertThat(run.out()).containsPattern("\"subject\" : \"web-02\",\\s*\"status\" : \"FAIL\"");
    }

    @Test
    void shouldPassWeightsThreeToOneDeclaredAndLive() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of("web-01", 3, "web-02", 1), lbs.backend("web-01"),
                lbs.backend("web-02"));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01=3,web-02=1", "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("75.0 %");
    }

    @Test
    void shouldPassLeastconnWithUnequalWeightsButStillCatchAMissingServer() {
        HaproxyProcess fine = lbs.haproxy("leastconn", Map.of("web-01", 3, "web-02", 1), lbs.backend("web-01"),
                lbs.backend("web-02"));

        CliRun pass = CliRun.of("verify", "--lb", fine.url(), "--expect", "web-01=3,web-02=1", "--algorithm",
                "leastconn", "--rate", "0", "--requests", "1000");
        fine.close();
        HaproxyProcess broken = lbs.haproxy("leastconn", Map.of(), lbs.backend("web-01"));
        CliRun fail = CliRun.of("verify", "--lb", broken.url(), "--expect", "web-01,web-02", "--algorithm",
                "leastconn");

        assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).contains("shares not tested: balance leastconn follows the servers' load");
        assertThat(fail.exitCode()).as(fail.out() + fail.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(fail.out()).contains("web-02 got none of 27 responses");
    }

    @Test
    void shouldFailFiftyFiftyDeclaredWhenTheLiveWeightsAreSevenToThree() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of("web-01", 7, "web-02", 3), lbs.backend("web-01"),
                lbs.backend("web-02"));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("the observed shares differ from the declared weights");
    }

    @Test
    void shouldFailWhenABackendAnswers500() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02").status(500));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("above --max-error-rate").contains("HTTP 5xx (web-02");
    }

    @Test
    void shouldFailWhenABackendIsSlowerThanTheTimeout() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02").delayMillis(1_500));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--timeout", "300ms",
                "--rate", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("timeouts").contains("--timeout 300 ms");
    }

    @Test
    void shouldSayTheServiceIsDownWhenTheLoadBalancerIsUnreachable() {
        int closedPort = FreePorts.next();

        CliRun run = CliRun.of("verify", "--lb", "http://ops:s3cret@127.0.0.1:" + closedPort + "/?token=t0ken",
                "--expect", "web-01,web-02");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("the service is down: the load balancer at http://127.0.0.1:" + closedPort
                + "/?... refused all").contains("refused");
        assertThat(run.out() + run.err()).doesNotContain("s3cret").doesNotContain("t0ken");
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldFailWhenABackendOutsideTheDeclaredPoolAnswers() {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"), lbs.backend("web-03"));

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--format", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("\"unexpected\" : [ \"web-03\" ]")
                .contains("came from web-03, which is not in the declared pool");
    }

    @Test
    void shouldRejectABadExpectationWithExitCodeTwo() {
        CliRun run = CliRun.of("verify", "--lb", "http://127.0.0.1:1/", "--expect", "web-01=x,web-02");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--expect: cannot read 'web-01=x'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldNeverExceedTheRateCapAtTheBackends() {
        HttpBackend web1 = lbs.backend("web-01");
        HttpBackend web2 = lbs.backend("web-02");
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), web1, web2);

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--rate", "20",
                "--deadline", "1500ms", "--requests", "1000", "--concurrency", "8");

        List<Long> arrivals = Arrivals.merged(web1.arrivals(), web2.arrivals());
        assertThat(arrivals.size()).as(run.err()).isBetween(20, 31);
        // at most 20 start in any second; +2 for requests that arrive late on a busy machine (RateBudgetTest checks
        // the spacing of the permits exactly)
        assertThat(Arrivals.maxInOneSecond(arrivals)).isLessThanOrEqualTo(20 + 2);
        assertThat(Arrivals.consistentWithRate(arrivals, 20, 200)).isTrue();
        assertThat(run.exitCode()).as("1000 planned, about 30 sent: cut short").isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).startsWith("pool expected").contains("\nINCONCLUSIVE: ");
    }

    @Test
    void shouldBeInconclusiveNotPassWhenTheDeadlineCutsTheRunShort() {
        // arrange: a 1:1 pool declared 9:1; at one request per second, 5 s give 5 of the planned requests
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));

        // act
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01=9,web-02=1", "--rate", "1",
                "--deadline", "5s");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).doesNotContain("PASS:").contains("\nINCONCLUSIVE: 5 requests, 0 errors, ")
                .containsPattern("  - stopped by the 5 s deadline after 5 of (\\d+) planned requests; \\d+ missing "
                        + "\\(at --rate 1\\.00/s the plan needs about \\d+ s: raise --deadline or --rate\\): not "
                        + "enough evidence for a verdict\n");
        assertThat(run.err()).contains("verify: INCONCLUSIVE after 5 requests");
    }

    @Test
    void shouldBeInconclusiveNotPassWhenFewerRequestsAreAskedForThanTheTestNeeds() {
        // arrange: a 1:1 pool declared 9:1; two requests cannot tell (the chi-square test needs 50 for a 10 % share)
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"), lbs.backend("web-02"));

        // act
        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01=9,web-02=1", "--requests", "2");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).doesNotContain("PASS:").contains("\nINCONCLUSIVE: 2 requests, 0 errors, ")
                .contains("  - not decided: 2 responses from declared servers are too few for a chi-square test of"
                        + " these weights, which needs 50 (an expected count of 5 for the smallest share, 10.0 %); ask"
                        + " for at least 50 requests, or 0 to plan them\n");
    }

    @Test
    void shouldRejectAPortOutOfRangeNamingTheOptionWithoutThePassword() {
        // arrange
        String[][] cases = {
            {"--lb", "http://ops:s3cret@127.0.0.1:0/", "--lb 'http://***@127.0.0.1:0/': the port 0 is out of range "
                    + "(1 to 65535)"},
            {"--lb", "http://ops:s3cret@127.0.0.1:99999/", "--lb 'http://***@127.0.0.1:99999/': the port 99999 is out "
                    + "of range (1 to 65535)"},
            {"--lb", "http://127.0.0.1:http/", "--lb 'http://127.0.0.1:http/': the port 'http' is not a number"},
            {"--lb", "http://[::1/", "--lb 'http://[::1/': not a URL (Expected closing bracket for IPv6 address at index 11)"},
            {"--lb", "127.0.0.1:8080", "--lb '127.0.0.1:8080': expected an http:// or https:// URL"},
        };
        for (String[] bad : cases) {
            // act
            CliRun run = CliRun.of("verify", bad[0], bad[1], "--expect", "web-01,web-02");

            // assert
            assertThat(run.exitCode()).as(bad[1]).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).as(bad[1]).isEqualTo("release-gate verify: " + bad[2] + "\n");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void shouldRejectABadStatsOrHealthUrlBeforeSendingAnything() {
        // arrange
        HttpBackend web1 = lbs.backend("web-01");
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), web1, lbs.backend("web-02"));

        // act
        CliRun stats = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--pool", "web",
                "--stats", "http://admin:s3cret@127.0.0.1:99999/stats;csv");
        CliRun health = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02",
                "--health", "web-01=http://u:s3cret@127.0.0.1:0/health");

        // assert
        assertThat(stats.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(stats.err()).isEqualTo("release-gate verify: --stats 'http://***@127.0.0.1:99999/stats;csv': the "
                + "port 99999 is out of range (1 to 65535)\n");
        assertThat(health.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(health.err()).isEqualTo("release-gate verify: --health web-01 'http://***@127.0.0.1:0/health': "
                + "the port 0 is out of range (1 to 65535)\n");
        assertThat(web1.requests()).as("nothing was sent").isZero();
    }

    @Test
    void shouldWriteJunitAndHtmlReports() throws IOException {
        HaproxyProcess lb = lbs.haproxy("roundrobin", Map.of(), lbs.backend("web-01"));
        Path junit = dir.resolve("out/verify.xml");
        Path html = dir.resolve("out/verify.html");

        CliRun run = CliRun.of("verify", "--lb", lb.url(), "--expect", "web-01,web-02", "--junit", junit.toString(),
                "--html", html.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(Files.readString(junit)).contains("<testcase classname=\"verify.expected.missing\" name=\"web-02\">")
                .contains("<failure message=");
        assertThat(Files.readString(html)).contains("<svg", "web-02", "title>observed 100.0 %")
                .doesNotContain("src=", "href=", "<script", "<link", "@import");
    }

    private static void runtimeCommand(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(4096);
            while (channel.read(answer) > 0) {
                answer.clear();
            }
        }
    }
}
