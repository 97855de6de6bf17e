package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficChecksTest {
    private final ExpectedPool pool = ExpectedPool.parse("web-01,web-02").withName("web");
    private final VerificationRequest request = VerificationRequest.builder(URI.create("http://127.0.0.1:8080/"), pool)
            .build();
    private final SamplePlan plan = SamplePlan.of(new double[] {0.5, 0.5}, 0.001, true, true, 0);

    @Test
    void shouldNameTheIncidentWhenAHealthyServerGetsNoTraffic() {
        Tally tally = tally(12, 0, Map.of(), Map.of());
        List<CheckResult> live = List.of(CheckResult.pass("health", "web-02", "200 from http://10.0.0.2/health"));

        Judge.Judgement judgement = judge(tally, live, "web-02");

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reasons()).anySatisfy(reason -> assertThat(reason)
                .startsWith("web-02 is healthy when asked directly but got none of 12 responses through the load "
                        + "balancer").contains("the pattern of the incident"));
    }

    @Test
    void shouldSayTheServiceIsDownWhenEveryConnectionIsRefused() {
        Tally tally = new Tally(4, 4, Map.of("web-01", 0L, "web-02", 0L), Map.of(), Map.of(), 0, 0,
                Map.of("CONNECT_FAILED", 4L), "connection refused by 127.0.0.1:8080", "errors");

        Judge.Judgement judgement = judge(tally, List.of(), "");

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reasons().get(0)).isEqualTo("the service is down: the load balancer at "
                + "http://127.0.0.1:8080/ refused all 4 connection attempts (connection refused by 127.0.0.1:8080)");
        assertThat(judgement.reasons()).contains("web-02 got no traffic: no request got through the load balancer");
    }

    @Test
    void shouldNeverPassADeclaredServerWithoutTrafficEvenWithoutATest() {
        Tally tally = tally(3, 0, Map.of(), Map.of());

        List<CheckResult> checks = new TrafficChecks(request, tally, GofResult.notRun("chi-square", 0.0001), plan,
                List.of(), "").classify();

        assertThat(checks).filteredOn(c -> c.check().equals("missing") && c.subject().equals("web-02"))
                .singleElement().extracting(CheckResult::status).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldFailResponsesFromOutsideThePoolAndUnidentifiedOnes() {
        Tally tally = new Tally(10, 0, Map.of("web-01", 4L, "web-02", 4L), Map.of(), Map.of("web-03", 1L), 1, 0,
                Map.of(), "", "unexpected");

        Judge.Judgement judgement = judge(tally, List.of(), "");

        assertThat(judgement.reasons()).contains("1 response came from web-03, which is not in the declared pool "
                + "(web-01, web-02)").anySatisfy(r -> assertThat(r).startsWith("1 response did not name"));
    }

    @Test
    void shouldNotTestSharesOfAClientBoundAlgorithmAndSaySo() {
        ExpectedPool sourcePool = pool.withAlgorithm("source");
        VerificationRequest sourceRequest = VerificationRequest.builder(request.target(), sourcePool).build();
        Tally tally = tally(20, 0, Map.of(), Map.of());

        List<CheckResult> checks = new TrafficChecks(sourceRequest, tally, GofResult.notRun("not tested", 0.001),
                SamplePlan.of(new double[] {0.5, 0.5}, 0.001, false, false, 0), List.of(), "").classify();
        Judge.Judgement judgement = Judge.judge(checks);

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.reasons()).anySatisfy(r -> assertThat(r).startsWith("not tested: balance source sends "
                + "each client to one server"));
    }

    private Judge.Judgement judge(Tally tally, List<CheckResult> live, String zeroRuleServer) {
        List<CheckResult> checks = new java.util.ArrayList<>(new TrafficChecks(request, tally,
                GofResult.notRun("chi-square", 0.0001), plan, live, zeroRuleServer).classify());
        checks.addAll(live);
        return Judge.judge(checks);
    }

    private static Tally tally(long web1, long web2, Map<String, Long> unexpected, Map<String, Long> failures) {
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", web1);
        observed.put("web-02", web2);
        return new Tally(web1 + web2, 0, observed, Map.of(), unexpected, 0, 0, failures, "", "");
    }
}
