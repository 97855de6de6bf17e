package io.releasegate.gate;

import io.releasegate.log.TimedStep;
import io.releasegate.paging.PageResult;
import io.releasegate.policy.ChangeReport;
import io.releasegate.recovery.ReactionTimes;
import io.releasegate.recovery.RecoveryResult;
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
 * @param gate       the gate's name (part of the page's dedup key)
 * @param pool       the verified pool
 * @param outcome    how it ended
 * @param reason     why, in words
 * @param started    wall-clock start
 * @param durationMs total time
 * @param change     the diff judged by the policy
 * @param signOff    the sign-off decision, null when no review was required
 * @param deploy     the deploy, null when it did not run
 * @param recovery   what happened after the deploy (verification, pages, rollback, second verification), null when
 *                   nothing was deployed
 * @param timeline   every step with its timing
 */
public record GateRun(String gate, String pool, GateOutcome outcome, String reason, Instant started, long durationMs,
        ChangeReport change, SignOffDecision signOff, DeployResult deploy, RecoveryResult recovery,
        List<TimedStep> timeline) implements Serializable {
    private static final long serialVersionUID = 2L;

    public GateRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(change, "change");
        timeline = List.copyOf(timeline);
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    /** The verification after the deploy, null when it did not run. */
    public VerificationResult verification() {
        return recovery == null ? null : recovery.verification();
    }

    /** The rollback, null when it did not run. */
    public RollbackResult rollback() {
        return recovery == null ? null : recovery.rollback();
    }

    /** The verification after the rollback, null when it did not run. */
    public VerificationResult reverification() {
        return recovery == null ? null : recovery.reverification();
    }

    /** Every page sent (triggers and resolves), with every attempt. */
    public List<PageResult> pages() {
        return recovery == null ? List.of() : recovery.pages();
    }

    /** Reaction times after the failure, null when nothing failed. */
    public ReactionTimes reaction() {
        return recovery == null ? null : recovery.reaction();
    }

    /** The pages no contact accepted. */
    public List<PageResult> undelivered() {
        return pages().stream().filter(page -> !page.delivered()).toList();
    }
}
