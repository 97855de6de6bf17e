package io.releasegate.gate;

import io.releasegate.policy.ChangeReport;
import io.releasegate.paging.PageResult;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.signoff.SignOffDecision;
import io.releasegate.verify.VerificationResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one gate run did, for the final report. Steps that did not run are null.
 *
 * @param gate           the gate's name (part of the page's dedup key)
 * @param pool           the verified pool
 * @param outcome        how it ended
 * @param reason         why, in words
 * @param started        wall-clock start
 * @param durationMs     total time
 * @param change         the diff judged by the policy
 * @param signOff        the sign-off decision, null when no review was required
 * @param deploy         the deploy, null when it did not run
 * @param verification   the verification after the deploy, null when it did not run
 * @param rollback       the rollback, null when it did not run
 * @param reverification the verification after the rollback, null when it did not run
 * @param pages          every page sent (triggers and resolves), with every attempt
 * @param recovery       reaction times after the failure, null when nothing failed
 * @param timeline       every step with its timing
 */
public record GateRun(String gate, String pool, GateOutcome outcome, String reason, Instant started, long durationMs,
        ChangeReport change, SignOffDecision signOff, DeployResult deploy, VerificationResult verification,
        RollbackResult rollback, VerificationResult reverification, List<PageResult> pages, Recovery recovery,
        List<GateStep> timeline) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(change, "change");
        pages = List.copyOf(pages);
        timeline = List.copyOf(timeline);
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    /** The pages no contact accepted. */
    public List<PageResult> undelivered() {
        return pages.stream().filter(page -> !page.delivered()).toList();
    }
}
