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
        Tally tally = tally(12, 0, "a declared server is still without traffic");
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
        Tally tally = tally(plan.maxRequests(), 0, "");

        List<CheckResult> checks = new TrafficChecks(request, tally, GofResult.notRun("chi-square", 0.0001), plan,
                List.of(), "", Ending.DONE, 50).classify();

        assertThat(checks).filteredOn(c -> c.check().equals("missing") && c.subject().equals("web-02"))
                .singleElement().extracting(CheckResult::status).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldBeInconclusiveNotPassWhenTheDeadlineCutsTheRunShort() {
        // arrange: 9:1 declared, 1:1 live, --rate 1 --deadline 5s: 5 responses arrived
        ExpectedPool ninetyTen = ExpectedPool.parse("web-01=9,web-02=1").withName("web");
        VerificationRequest slow = VerificationRequest.builder(request.target(), ninetyTen).rate(1)
                .deadline(java.time.Duration.ofSeconds(5)).build();
        SamplePlan ninetyTenPlan = SamplePlan.of(new double[] {0.9, 0.1}, 0.001, true, true, 0);
        Tally tally = tally(3, 2, "");
        // what the old end-of-run test said about 5 responses: p well above the level of a look, so "fit"
        GofResult fits = new GofResult(GofResult.CHI_SQUARE, 5.0, 0.025, ninetyTenPlan.alphaPerLook(), 5, 1, false);

        // act
        List<CheckResult> checks = new TrafficChecks(slow, tally, fits, ninetyTenPlan, List.of(), "",
                Ending.DEADLINE, 1).classify();
        Judge.Judgement judgement = Judge.judge(checks);

        // assert
        int planned = ninetyTenPlan.maxRequests();
        assertThat(judgement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judgement.reasons().get(0)).isEqualTo("stopped by the 5 s deadline after 5 of " + planned
                + " planned requests; " + (planned - 5) + " missing (at --rate 1.00/s the plan needs about " + planned
                + " s: raise --deadline or --rate): not enough evidence for a verdict");
        assertThat(checks).filteredOn(c -> c.check().equals("distribution")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.INCONCLUSIVE))
                .satisfies(c -> assertThat(c.reason()).startsWith("not decided: the observed "
                        + "shares fit"));
        assertThat(checks).filteredOn(c -> c.check().equals("missing")).extracting(CheckResult::status)
                .as("both servers answered: that much is certain").containsOnly(CheckStatus.PASS);
        assertThat(checks).noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    @Test
    void shouldLeaveAServerWithoutTrafficUndecidedBeforeTheZeroRuleFires() {
        Tally tally = tally(5, 0, "");

        List<CheckResult> checks = new TrafficChecks(request, tally, GofResult.notRun("chi-square", 0.0001), plan,
                List.of(), "", Ending.CANCELLED, 50).classify();
        Judge.Judgement judgement = Judge.judge(checks);

        assertThat(judgement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judgement.reasons().get(0)).isEqualTo("cancelled after 5 of " + plan.maxRequests()
                + " planned requests; " + (plan.maxRequests() - 5) + " missing: not enough evidence for a verdict");
        assertThat(checks).filteredOn(c -> c.check().equals("missing") && c.subject().equals("web-02"))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.INCONCLUSIVE))
                .satisfies(c -> assertThat(c.reason()).isEqualTo("not decided: web-02 got "
                        + "none of 5 responses through the load balancer (with its declared share of 50.0 % the "
                        + "chance of that is 0.0313)"));
    }

    @Test
    void shouldKeepTheFailOfTheZeroRuleWhenItFiredBeforeTheDeadline() {
        Tally tally = tally(12, 0, "a declared server is still without traffic");

        Judge.Judgement judgement = Judge.judge(new TrafficChecks(request, tally,
                GofResult.notRun("chi-square", 0.0001), plan, List.of(), "web-02", Ending.DECIDED, 50).classify());

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reasons()).noneMatch(r -> r.startsWith("not decided"));
    }

    @Test
    void shouldKeepTheFailOfALookThatRejectedWhenTheDeadlineCameBetweenLooks() {
        Tally tally = tally(20, 5, "");
        GofResult rejected = new GofResult(GofResult.CHI_SQUARE, 9.0, 0.0027, 8.3e-5, 25, 2, true);

        List<CheckResult> checks = new TrafficChecks(request, tally, rejected, plan, List.of(), "", Ending.DEADLINE,
                50).classify();

        assertThat(Judge.judge(checks).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(checks).filteredOn(c -> c.check().equals("distribution")).singleElement()
                .extracting(CheckResult::status).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void shouldPassTheErrorsOfACutShortRunOnlyWhenTheMissingRequestsCouldNotChangeIt() {
        // 194 of 195 answered, no error; --max-error-rate 0.01 tolerates 1 error in 195: even if the last failed
        Tally almost = tally(97, plan.maxRequests() - 1 - 97, "");
        Tally early = tally(50, 50, "");

        CheckResult certain = errorsCheck(new TrafficChecks(request, almost, GofResult.notRun("x", 0.0001), plan,
                List.of(), "", Ending.DEADLINE, 50).classify());
        CheckResult open = errorsCheck(new TrafficChecks(request, early, GofResult.notRun("x", 0.0001), plan,
                List.of(), "", Ending.DEADLINE, 50).classify());

        assertThat(certain.status()).isEqualTo(CheckStatus.PASS);
        assertThat(open.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
    }

    @Test
    void shouldCallARunWhereNothingCompletedInconclusiveNotAnError() {
        Tally nothing = tally(0, 0, "");

        Judge.Judgement judgement = Judge.judge(new TrafficChecks(request, nothing, GofResult.notRun("x", 0.0001),
                plan, List.of(), "", Ending.DEADLINE, 50).classify());

        assertThat(judgement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judgement.reasons()).startsWith("stopped by the 60 s deadline after 0 of " + plan.maxRequests()
                + " planned requests; " + plan.maxRequests() + " missing: not enough evidence for a verdict",
                "no request completed: nothing was measured");
    }

    private static CheckResult errorsCheck(List<CheckResult> checks) {
        return checks.stream().filter(c -> c.check().equals("errors")).findFirst().orElseThrow();
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
        Tally tally = tally(20, 0, "");

        List<CheckResult> checks = new TrafficChecks(sourceRequest, tally, GofResult.notRun("not tested", 0.001),
                SamplePlan.of(new double[] {0.5, 0.5}, 0.001, false, false, 0), List.of(), "", Ending.DONE, 50)
                .classify();
        Judge.Judgement judgement = Judge.judge(checks);

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.reasons()).anySatisfy(r -> assertThat(r).startsWith("not tested: balance source sends "
                + "each client to one server"));
    }

    @Test
    void shouldBeInconclusiveNotPassWhenFewerRequestsWereAskedForThanTheTestNeeds() {
        // arrange: 9:1 declared, 1:1 live, --requests 2: the whole plan ran, and the test at n = 2 did not reject
        ExpectedPool ninetyTen = ExpectedPool.parse("web-01=9,web-02=1").withName("web");
        VerificationRequest tiny = VerificationRequest.builder(request.target(), ninetyTen).requests(2).build();
        SamplePlan tinyPlan = SamplePlan.of(new double[] {0.9, 0.1}, 0.001, true, true, 2);
        GofResult fits = new GofResult(GofResult.CHI_SQUARE, 3.56, 0.0593, tinyPlan.alphaPerLook(), 2, 1, false);

        // act
        List<CheckResult> checks = new TrafficChecks(tiny, tally(1, 1, ""), fits, tinyPlan, List.of(), "",
                Ending.DONE, 50).classify();
        Judge.Judgement judgement = Judge.judge(checks);

        // assert
        assertThat(judgement.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judgement.reasons()).containsExactly("not decided: 2 responses from declared servers are too few"
                + " for a chi-square test of these weights, which needs 50 (an expected count of 5 for the smallest"
                + " share, 10.0 %); ask for at least 50 requests, or 0 to plan them");
    }

    private Judge.Judgement judge(Tally tally, List<CheckResult> live, String zeroRuleServer) {
        List<CheckResult> checks = new java.util.ArrayList<>(new TrafficChecks(request, tally,
                GofResult.notRun("chi-square", 0.0001), plan, live, zeroRuleServer,
                tally.stopReason().isEmpty() ? Ending.DONE : Ending.DECIDED, 50).classify());
        checks.addAll(live);
        return Judge.judge(checks);
    }

    private static Tally tally(long web1, long web2, String stopReason) {
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", web1);
        observed.put("web-02", web2);
        return new Tally(web1 + web2, 0, observed, Map.of(), Map.of(), 0, 0, Map.of(), "", stopReason);
    }
}
