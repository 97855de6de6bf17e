package io.releasegate.drill;

import io.releasegate.diff.ChangeKind;
import io.releasegate.gate.GateOutcome;
import io.releasegate.gate.GateRun;
import io.releasegate.verify.Verdict;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;

/** The drill scenarios the gate plays out: a change is reviewed, deployed, verified, rolled back and paged. */
final class GateScenarios {
    /** The incident as a change: web-02 taken out of the pool "for a load test". */
    static final GateScenario REMOVED_SERVER = new GateScenario("removed-server", "the incident as a change: a "
            + "commit takes web-02 out of the pool; web-01 alone overloads; the gate verifies, rolls back and pages",
            DrillFiles.Shape.BOTH, DrillFiles.Shape.BOTH.withoutWeb02("taken out for a load test"),
            "web: take web-02 out for a load test", false, backends -> { }, Drill::findings);

    /** A weight of 10 where 1 was meant: web-02 gets 10 of 11 requests and overloads. */
    static final GateScenario WEIGHT_TYPO = new GateScenario("weight-typo", "web-02's weight set to 10 where 1 was "
            + "meant: it gets 10 of 11 requests and overloads; the gate sees the shares and the errors",
            DrillFiles.Shape.BOTH, DrillFiles.Shape.BOTH.weight(10), "web: give web-02 its weight back (1)", true,
            backends -> { }, GateScenarios::weightTypo);

    /**
     * A change silences web-02's health check, and then web-02's application crashes: without the check the load
     * balancer keeps sending it half the traffic. The rollback restores the check (no more errors), but web-02 is
     * still down: the gate pages that the pool did not recover.
     */
    static final GateScenario HEALTH_CHECK_REMOVED = new GateScenario("health-check-removed", "a commit removes "
            + "web-02's health check, then web-02 crashes: users get its errors; the gate sees them, restores the "
            + "check and pages that web-02 is still down", DrillFiles.Shape.BOTH.checks(true, true),
            DrillFiles.Shape.BOTH.checks(true, false), "web: stop health-checking web-02 (noisy alerts)", false,
            backends -> backends.web02().sick(true), GateScenarios::healthCheckRemoved);

    private GateScenarios() {
    }

    static List<GateScenario> all() {
        return List.of(REMOVED_SERVER, WEIGHT_TYPO, HEALTH_CHECK_REMOVED);
    }

    private static List<String> weightTypo(GateRun run, List<PagerDutyEndpoint.Event> events) {
        List<String> findings = new ArrayList<>();
        boolean weight = run.change().changes().stream().anyMatch(c -> c.change().kind() == ChangeKind.WEIGHT_CHANGED
                && c.change().server().equals("web-02") && c.change().after().equals("10"));
        findings.add(Drill.check(weight, "the diff shows WEIGHT_CHANGED of web-02 to 10, risk " + run.change().risk()));
        VerificationResult verification = run.verification();
        boolean failed = verification != null && verification.verdict() == Verdict.FAIL;
        findings.add(Drill.check(failed, "verification after the deploy: " + (verification == null ? "did not run"
                : verification.verdict() + ", " + Drill.observed(verification) + "; " + String.join("; ",
                        verification.reasons()))));
        findings.addAll(recovered(run, events));
        return findings;
    }

    private static List<String> healthCheckRemoved(GateRun run, List<PagerDutyEndpoint.Event> events) {
        List<String> findings = new ArrayList<>();
        boolean removed = run.change().changes().stream()
                .anyMatch(c -> c.change().kind() == ChangeKind.HEALTH_CHECK_REMOVED && c.change().server()
                        .equals("web-02"));
        findings.add(Drill.check(removed, "the diff shows HEALTH_CHECK_REMOVED of web-02, risk "
                + run.change().risk()));
        VerificationResult verification = run.verification();
        boolean errors = verification != null && verification.verdict() == Verdict.FAIL
                && verification.tally().serverErrors().getOrDefault("web-02", 0L) > 0;
        findings.add(Drill.check(errors, "verification after the deploy: " + (verification == null ? "did not run"
                : verification.verdict() + ", web-02 answered " + verification.tally().serverErrors()
                        .getOrDefault("web-02", 0L) + " errors: " + String.join("; ", verification.reasons()))));
        boolean rolledBack = run.rollback() != null && run.rollback().rolledBack();
        findings.add(Drill.check(rolledBack, "rollback: " + (run.rollback() == null ? "did not run"
                : run.rollback().reason())));
        VerificationResult again = run.reverification();
        boolean noErrors = again != null && again.checks("errors").stream()
                .allMatch(c -> c.status() == CheckStatus.PASS);
        boolean stillDown = again != null && again.verdict() != Verdict.PASS;
        findings.add(Drill.check(noErrors && stillDown, "verification after the rollback: " + (again == null
                ? "did not run" : again.verdict() + " (the check is back, so users get no more errors; web-02 is "
                        + "still down): " + String.join("; ", again.reasons()))));
        List<String> actions = events.stream().map(e -> e.action() + (e.severity() == null || e.severity().isEmpty() ? "" : " "
                + e.severity())).toList();
        boolean escalated = actions.stream().anyMatch(a -> a.equals("trigger critical"));
        findings.add(Drill.check(escalated, "PagerDuty endpoint received " + (actions.isEmpty() ? "nothing"
                : String.join(" then ", actions)) + ": the pool did not recover, someone must look at web-02"));
        findings.add(Drill.check(run.outcome() == GateOutcome.UNRECOVERED, "gate outcome " + run.outcome() + " (exit "
                + run.exitCode() + ")"));
        return findings;
    }

    /** Rolled back, verified again, paged and resolved: the change is undone and the pool recovered. */
    private static List<String> recovered(GateRun run, List<PagerDutyEndpoint.Event> events) {
        List<String> findings = new ArrayList<>();
        boolean rolledBack = run.rollback() != null && run.rollback().rolledBack();
        findings.add(Drill.check(rolledBack, "rollback: " + (run.rollback() == null ? "did not run"
                : run.rollback().reason())));
        boolean recovered = run.reverification() != null && run.reverification().verdict() == Verdict.PASS;
        findings.add(Drill.check(recovered, "verification after the rollback: " + (run.reverification() == null
                ? "did not run" : run.reverification().verdict() + ", " + Drill.observed(run.reverification()))));
        List<String> actions = events.stream().map(PagerDutyEndpoint.Event::action).toList();
        boolean paged = actions.equals(List.of("trigger", "resolve"));
        findings.add(Drill.check(paged, "PagerDuty endpoint received " + (actions.isEmpty() ? "nothing"
                : String.join(" then ", actions))));
        findings.add(Drill.check(run.outcome() == GateOutcome.ROLLED_BACK, "gate outcome " + run.outcome() + " (exit "
                + run.exitCode() + ")"));
        return findings;
    }
}
