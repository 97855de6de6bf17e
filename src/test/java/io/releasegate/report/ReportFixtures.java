package io.releasegate.report;

import io.releasegate.config.ConfigFormat;
import io.releasegate.diff.Author;
import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import io.releasegate.diff.DiffResult;
import io.releasegate.diff.FileChange;
import io.releasegate.gate.DeployResult;
import io.releasegate.gate.GateOutcome;
import io.releasegate.gate.GateRun;
import io.releasegate.log.TimedStep;
import io.releasegate.paging.Attempt;
import io.releasegate.paging.Delivery;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Severity;
import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import io.releasegate.policy.Risk;
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

/** The incident as the renderers see it: web-02 dropped, verification FAIL, rollback, pages. Built by hand. */
final class ReportFixtures {
    static final String BASE = "bc96b281b2adeb34471f2afa530cc58d7951e1b8";
    static final String HEAD = "cc9cd80f34f18d14dc48c4cdb12b34cde8bd908a";
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private ReportFixtures() {
    }

    static ChangeReport change() {
        List<Change> changes = List.of(
                new Change(ChangeKind.SERVER_REMOVED, "haproxy.cfg", 14, "web", "web-02",
                        "web-02 10.0.0.2:80 weight 1 check", "", "Server web-02 (10.0.0.2:80) removed from pool web."),
                new Change(ChangeKind.SINGLE_POINT_OF_FAILURE, "haproxy.cfg", 11, "web", "", "2", "1",
                        "Pool web is left with 1 server (web-01) that can take traffic: a single point of failure."));
        DiffResult diff = new DiffResult(BASE, HEAD, List.of(new DiffResult.FileEntry("haproxy.cfg", "haproxy.cfg",
                ConfigFormat.HAPROXY, FileChange.Status.MODIFIED)), changes, List.of(new DiffResult.PoolSummary("web",
                "haproxy.cfg", "roundrobin", List.of("web-01"), List.of(), 1)), List.of(),
                List.of(new Author("Alice Liddell", "alice@example.com")), "");
        return new ChangeReport(diff, List.of(new AssessedChange(changes.get(0), Risk.HIGH),
                new AssessedChange(changes.get(1), Risk.CRITICAL)), Risk.CRITICAL, true, 2, List.of("bob"),
                "defaults", 0, "sha256:" + "0".repeat(64));
    }

    static VerificationResult verification(Verdict verdict, long web02) {
        Map<String, Long> observed = new LinkedHashMap<>();
        observed.put("web-01", 12L);
        observed.put("web-02", web02);
        Tally tally = new Tally(12 + web02, 0, observed, Map.of(), Map.of(), 0, 0, Map.of(), "", "");
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("web-01", 0.5);
        expected.put("web-02", 0.5);
        List<CheckResult> checks = verdict == Verdict.PASS
                ? List.of(CheckResult.pass("distribution", "web", "the observed shares fit the declared weights"))
                : List.of(CheckResult.fail("missing", "web-02", "web-02 got none of 12 responses"));
        return new VerificationResult("web", "http://127.0.0.1:8080/", verdict, tally, expected,
                new GofResult(GofResult.CHI_SQUARE, 12.0, 5.320055051392503E-4, 8.333333333333333E-5, 12, 1, false),
                SamplePlan.of(new double[] {0.5, 0.5}, 0.001, true, true, 0), checks,
                verdict == Verdict.PASS ? List.of("5 of 5 checks passed") : List.of("web-02 got none of 12 "
                        + "responses through the load balancer", "the observed shares cannot fit the declared "
                        + "weights"), 1091);
    }

    static PageResult page(Page page) {
        return new PageResult(page, true, "oncall", List.of(new Attempt("oncall", 1, T0, Delivery.Outcome.DELIVERED,
                202, "", 34)), "delivered to oncall");
    }

    /** Recovered: a trigger at error, the rollback, a passing second verification, a resolve. */
    static RecoveryResult recovered() {
        String key = "release-gate/shop/web/6cd751c6b8ba";
        Page trigger = Page.trigger(key, "release-gate shop: verification FAIL (web-02 got none of 12 responses) "
                + "after deploying cc9cd80f34 to pool web; rolling back now").severity(Severity.ERROR)
                .source("release-gate shop").timestamp(T0).detail("verdict", "FAIL").build();
        return new RecoveryResult("web", RecoveryResult.Outcome.RECOVERED, "verification FAIL (web-02 got none of 12 "
                + "responses); rolled back and recovered", verification(Verdict.FAIL, 0),
                RollbackResult.ok("command: ./rollback.sh", 0, "web-02 is back\n", 22, "the rollback command exited 0"
                        + " after 22 ms"), verification(Verdict.PASS, 12),
                List.of(page(trigger), page(Page.resolve(key, "release-gate shop", T0.plusSeconds(5)))),
                new ReactionTimes(34, 35, 22), key, List.of(new TimedStep("verify", TimedStep.Status.FAILED, 0, 1091,
                        "FAIL")));
    }

    static GateRun run(GateOutcome outcome, RecoveryResult recovery) {
        return new GateRun("shop", "web", outcome, recovery == null ? "blocked before the deploy" : recovery.reason(),
                T0, 5400, change(), null, recovery == null ? null : new DeployResult("command: ./deploy.sh", true, 0,
                        "deployed <web-02> out\n", 120, "the deploy command exited 0 after 120 ms"), recovery,
                List.of(new TimedStep("diff", TimedStep.Status.OK, 0, 80, "CRITICAL, 2 change(s)"),
                        new TimedStep("verify", TimedStep.Status.FAILED, 200, 1091, "FAIL: <web-02> missing")));
    }
}
