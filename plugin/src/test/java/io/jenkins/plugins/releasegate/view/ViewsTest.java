package io.jenkins.plugins.releasegate.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.TimedStep;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Severity;
import io.releasegate.recovery.ReactionTimes;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.verify.Tally;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the pages show, in words for people, without a running Jenkins. */
class ViewsTest {
    /** The incident as the engine reported it: web-02 got none of 12 responses. */
    static VerificationResult incident() {
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", 12L);
        observed.put("web-02", 0L);
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("web-01", 0.5);
        expected.put("web-02", 0.5);
        return new VerificationResult("web", "http://127.0.0.1:8080/", Verdict.FAIL,
                new Tally(12, 0, observed, Map.of(), Map.of(), 0, 0, Map.of(), "", ""), expected,
                new GofResult(GofResult.CHI_SQUARE, 12.0, 5.320055051392503E-4, 8.333333333333333E-5, 12, 1, true),
                SamplePlan.of(new double[] {0.5, 0.5}, 0.001, true, true, 0),
                List.of(CheckResult.fail("missing", "web-02", "web-02 got none of 12 responses"),
                        CheckResult.fail("drift", "web-02", "web-02 is in MAINT (set by the runtime API)")),
                List.of("web-02 got none of 12 responses through the load balancer (with its declared share of "
                        + "50.0 % the chance of that is 0.00024)", "the observed shares cannot fit the declared "
                        + "weights"), 1091);
    }

    @Test
    void shouldWriteNumbersWithoutExponents() {
        assertThat(Human.probability(5.320055051392503E-4)).isEqualTo("0.00053");
        assertThat(Human.probability(8.333333333333333E-5)).isEqualTo("0.000083");
        assertThat(Human.probability(0.9429110979224854)).isEqualTo("0.94");
        assertThat(Human.probability(3e-9)).isEqualTo("< 0.000001");
        assertThat(Human.probability(Double.NaN)).isEqualTo("n/a");
        assertThat(Human.statistic(0.005128205128205128)).isEqualTo("0.0051");
        assertThat(Human.statistic(12.0)).isEqualTo("12.0");
        assertThat(Human.percent(0.4974)).isEqualTo("49.7 %");
        assertThat(Human.count(10000)).isEqualTo("10,000");
        assertThat(Human.duration(1091)).isEqualTo("1.1 s");
        assertThat(Human.duration(125_000)).isEqualTo("2 min 5 s");
    }

    @Test
    void shouldWriteListsWithoutBracketsAndShortenDigests() {
        assertThat(Human.list(List.of("web-01"))).isEqualTo("web-01");
        assertThat(Human.list(List.of("web-01", "web-02"))).isEqualTo("web-01, web-02");
        assertThat(Human.list(List.of())).isEqualTo("none");
        assertThat(Human.shortDigest("sha256:6cd751c6b8ba33a4e4ce89ca1c0bb2d8e77baa425461e3154c8fa52d8479e5d6"))
                .isEqualTo("sha256:6cd751c6b8ba");
        assertThat(Human.time(Instant.parse("2025-03-01T10:00:05.123Z"))).isEqualTo("2025-03-01 10:00:05 UTC");
    }

    @Test
    void shouldShowTheVerificationInWords() {
        // act
        VerificationView view = VerificationView.of(incident());

        // assert: no raw Java values, every reason on its own
        assertThat(view.getTest()).isEqualTo("chi-square goodness of fit: statistic 12.0, p-value 0.00053 at "
                + "significance level 0.000083");
        assertThat(view.getVolume()).isEqualTo("12 requests, 0 errors, 1.1 s");
        assertThat(view.getMissing()).isEqualTo("web-02");
        assertThat(view.getUnexpected()).isEqualTo("none");
        assertThat(view.getReasons()).hasSize(2);
        assertThat(view.getVerdictBadge()).isEqualTo("jenkins-!-error-color");
        assertThat(view.getShares()).extracting(VerificationView.ShareRow::getObservedLabel)
                .containsExactly("100.0 % (12)", "0.0 % (0)");
        assertThat(view.getShares().get(1).isAlarming()).isTrue();
        assertThat(view.getShares().get(1).getDeclaredWidth()).isEqualTo(200);
        assertThat(view.getWorst().getServer()).isEqualTo("web-02");
        assertThat(view.getDrift()).singleElement().satisfies(row -> assertThat(row.getStatusBadge())
                .isEqualTo("jenkins-!-error-color"));
    }

    @Test
    void shouldSayWhatTheRollbackDidAndNeverClaimMore() {
        // act
        RollbackView ok = RollbackView.of(RollbackResult.ok("command: ./rollback.sh", 0, "back\n", 22, "exited 0"));
        RollbackView failed = RollbackView.of(RollbackResult.failed("command: ./rollback.sh", 7, false, "", 30,
                "the rollback command failed with exit code 7"));
        RollbackView notStarted = RollbackView.of(RollbackResult.notStarted("command: ./rollback.sh", 0,
                "the rollback command could not be started: its working directory /w does not exist"));

        // assert
        assertThat(ok.isRolledBack()).isTrue();
        assertThat(ok.getOutcomeText()).isEqualTo("rolled back");
        assertThat(failed.isRolledBack()).isFalse();
        assertThat(failed.getExitCode()).isEqualTo("exit code 7");
        assertThat(failed.getOutcomeBadge()).isEqualTo("jenkins-!-error-color");
        assertThat(notStarted.isRolledBack()).isFalse();
        assertThat(notStarted.getOutcomeText()).isEqualTo("did NOT START");
        assertThat(notStarted.getExitCode()).isEqualTo("no exit code");
    }

    @Test
    void shouldListThePagesInTheOrderTheyWentOut() {
        // arrange
        Page trigger = Page.trigger("release-gate/lb-deploy/web", "web FAIL; rolling back now")
                .severity(Severity.ERROR).timestamp(Instant.EPOCH).build();
        Page resolve = Page.resolve("release-gate/lb-deploy/web", "release-gate lb-deploy", Instant.EPOCH);
        RecoveryResult result = new RecoveryResult("web", RecoveryResult.Outcome.RECOVERED, "recovered",
                incident(), RollbackResult.ok("command: touch x", 0, "", 5, "exited 0"), null,
                List.of(new PageResult(trigger, true, "hook", List.of(), "delivered"),
                        new PageResult(resolve, false, null, List.of(), "no contact")),
                new ReactionTimes(34, 35, 5), "release-gate/lb-deploy/web",
                List.of(new TimedStep("page trigger", TimedStep.Status.OK, 1091, 34, "error")));

        // act
        RecoveryView view = RecoveryView.of("web", result, page -> page.delivered() ? null : "/builds/1/outbox");

        // assert
        assertThat(view.getPages()).extracting(PageView::getAction).containsExactly("trigger", "resolve");
        assertThat(view.getPages().get(0).getDelivery()).isEqualTo("delivered to hook");
        assertThat(view.getPages().get(0).getSeverityBadge()).isEqualTo("jenkins-!-color-dark-orange");
        assertThat(view.getPages().get(1).getOutbox()).isEqualTo("/builds/1/outbox");
        assertThat(view.getReaction()).isEqualTo("the page was accepted 34 ms after the failure; the rollback "
                + "started 35 ms after it");
        assertThat(view.getSteps()).singleElement().satisfies(step -> assertThat(step.getStart())
                .isEqualTo("+1.1 s"));
    }

    @Test
    void shouldDrawTheLastBuildsOldestFirstFailedOnesIncluded() {
        // arrange: newest first, as Job.getBuilds() gives them; the two newest failed
        List<TrendChart.Build> builds = List.of(
                new TrendChart.Build(3, "job/x/3/", "UNRECOVERED", "CRITICAL", "RELEASED", 12, "web-02", 0, 0.5),
                new TrendChart.Build(2, "job/x/2/", "NONE", "HIGH", "REJECTED", 30, null, 0, 0),
                new TrendChart.Build(1, "job/x/1/", "PASSED", "LOW", "NONE", -1, "web-01", 0.49, 0.5));

        // act
        TrendChart chart = new TrendChart(builds);

        // assert
        assertThat(chart.getColumns()).extracting(TrendChart.Column::getNumber).containsExactly(1, 2, 3);
        assertThat(chart.getColumns()).extracting(TrendChart.Column::getVerdictClass)
                .containsExactly("rg-trend-pass", "rg-trend-none", "rg-trend-fail");
        TrendChart.Column failed = chart.getColumns().get(2);
        assertThat(failed.getObservedHeight()).isZero();
        assertThat(failed.getDeclaredY()).isEqualTo(TrendChart.SHARE_TOP + 50);
        assertThat(failed.getTitle()).isEqualTo("#3: UNRECOVERED, CRITICAL risk; web-02 got 0.0 % of its declared "
                + "50.0 %; sign-off RELEASED in 12 min");
        assertThat(chart.getColumns().get(1).getSignOffHeight()).isEqualTo(TrendChart.SIGN_OFF_HEIGHT);
        assertThat(chart.getColumns().get(0).isHasSignOff()).isFalse();
        assertThat(chart.getSignOffScale()).isEqualTo("sign-off, longest 30 min");
    }

    @Test
    void shouldKeepTwentyBuildsAtMost() {
        List<TrendChart.Build> builds = new java.util.ArrayList<>();
        for (int i = 30; i > 0; i--) {
            builds.add(new TrendChart.Build(i, "job/x/" + i + "/", "PASSED", "LOW", "NONE", -1, "web-01", 0.5, 0.5));
        }

        assertThat(new TrendChart(builds).getColumns()).extracting(TrendChart.Column::getNumber)
                .startsWith(11).endsWith(30).hasSize(TrendChart.BUILDS);
    }

    @Test
    void shouldPaintEveryRiskAndStatusInADesignLibraryColour() {
        assertThat(Badge.risk("CRITICAL")).isEqualTo("jenkins-!-error-color");
        assertThat(Badge.risk("HIGH")).isEqualTo("jenkins-!-color-dark-orange");
        assertThat(Badge.risk("NONE")).isEqualTo("jenkins-!-success-color");
        for (String status : List.of("PASS", "FAIL", "ERROR", "INCONCLUSIVE", "PENDING", "RELEASED", "REJECTED",
                "TIMED_OUT", "ABORTED", "NONE", "RECOVERED", "UNRECOVERED", "NOT_STARTED")) {
            assertThat(Badge.status(status)).as(status).startsWith("jenkins-!-");
        }
    }
}
