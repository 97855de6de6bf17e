package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.stats.SamplePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run cut short (deadline, cancellation) before its plan was complete and before a FAIL was certain: it gets a
 * {@code sample} check that says where it stopped and how many requests are missing, and every traffic check whose
 * PASS or FAIL the missing requests could still change is INCONCLUSIVE. Certain results keep their status: a declared
 * server that answered, a zero rule or chi-square look that fired, more errors than the run tolerates, a response from
 * outside the pool, checks not made by design (NO_DATA).
 */
final class CutShort {
    static final String SAMPLE = "sample";

    private final VerificationRequest request;
    private final Tally tally;
    private final SamplePlan plan;
    private final Ending ending;
    private final double rate;

    /**
     * @param ending why the traffic ended
     * @param rate   the run's rate cap in requests per second, 0 when uncapped (for the advice)
     */
    CutShort(VerificationRequest request, Tally tally, SamplePlan plan, Ending ending, double rate) {
        this.request = request;
        this.tally = tally;
        this.plan = plan;
        this.ending = ending;
        this.rate = rate;
    }

    /** Neither a certain FAIL (the observations stopped the run) nor the plan's complete sample. */
    boolean applies() {
        return tally.stopReason().isEmpty() && tally.identified() < plan.maxRequests();
    }

    /** The {@code sample} check, then {@code checks} with every one the missing requests could change INCONCLUSIVE. */
    List<CheckResult> undecided(List<CheckResult> checks) {
        List<CheckResult> undecided = new ArrayList<>();
        undecided.add(CheckResult.inconclusive(SAMPLE, request.pool().name(), whereItStopped()));
        for (CheckResult check : checks) {
            undecided.add(certain(check) ? check : new CheckResult(check.check(), check.subject(),
                    CheckStatus.INCONCLUSIVE, "not decided: " + check.reason()));
        }
        return undecided;
    }

    /** Whether the requests the run did not send could still change this check's status. */
    private boolean certain(CheckResult check) {
        if (check.status() == CheckStatus.INCONCLUSIVE) {
            return true; // says so already
        }
        if (check.status() == CheckStatus.NO_DATA
                && !(check.check().equals(TrafficChecks.DISTRIBUTION) && plan.testsShares())) {
            return true; // not tested by design (one server, hashing, client-bound): more traffic would not test it
        }
        return switch (check.check()) {
            case TrafficChecks.ERRORS -> tally.requests() > 0 && (tally.errors() > request.toleratedErrors(plan)
                    || tally.errors() + missing() <= request.toleratedErrors(plan));
            case TrafficChecks.MISSING -> check.status() == CheckStatus.PASS; // it answered: nothing can undo that
            default -> check.status() == CheckStatus.FAIL; // a rejecting look, a response from outside the pool
        };
    }

    private long missing() {
        return Math.max(0, plan.maxRequests() - tally.identified());
    }

    private String whereItStopped() {
        String why = switch (ending) {
            case DEADLINE -> "stopped by the " + Words.duration(request.deadline()) + " deadline";
            case CANCELLED -> "cancelled";
            default -> "stopped";
        };
        long done = tally.identified();
        long other = tally.requests() - done;
        String advice = ending == Ending.DEADLINE && rate > 0
                && plan.maxRequests() / rate > request.deadline().toMillis() / 1000.0
                ? " (at --rate " + Words.number(rate) + "/s the plan needs about "
                        + Words.duration(Duration.ofSeconds((long) Math.ceil(plan.maxRequests() / rate)))
                        + ": raise --deadline or --rate)" : "";
        return why + " after " + done + " of " + plan.maxRequests() + " planned requests; " + missing() + " missing"
                + (other > 0 ? " (" + other + " other " + Words.plural(other, "request") + " failed)" : "") + advice
                + ": not enough evidence for a verdict";
    }
}
