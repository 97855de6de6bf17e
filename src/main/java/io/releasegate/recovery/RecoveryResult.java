package io.releasegate.recovery;

import io.releasegate.log.TimedStep;
import io.releasegate.paging.PageAction;
import io.releasegate.paging.PageResult;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.verify.VerificationResult;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything one recovery did, typed and serializable (the Jenkins plugin keeps it with the build). Steps that did
 * not run are null.
 *
 * @param pool           the verified pool
 * @param outcome        how it ended
 * @param reason         why, in words: the failure, then what the rollback and the second verification did
 * @param verification   the verification after the deploy, null when it did not run or could not run
 * @param rollback       the rollback, null when none is configured or nothing failed
 * @param reverification the verification after the rollback, null when it did not run
 * @param pages          every page sent, in order, with every attempt
 * @param reaction       reaction times after the failure, null when nothing failed
 * @param incidentKey    the dedup key of this run's pages
 * @param steps          the recovery's steps with their timing (verify, page trigger, rollback, re-verify, ...)
 */
public record RecoveryResult(String pool, Outcome outcome, String reason, VerificationResult verification,
        RollbackResult rollback, VerificationResult reverification, List<PageResult> pages, ReactionTimes reaction,
        String incidentKey, List<TimedStep> steps) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a recovery ended. */
    public enum Outcome {
        /** The verification after the deploy passed: nothing to recover. */
        PASSED,
        /** It did not pass; the rollback ran and the pool passes its verification again. */
        RECOVERED,
        /** It did not pass and the pool is not known to be back: no rollback, a rollback that failed or did not start, or
         *  a second verification that did not pass. */
        UNRECOVERED
    }

    public RecoveryResult {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        pages = List.copyOf(pages);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** True only when a rollback ran and succeeded ({@link RollbackResult#rolledBack()}). */
    public boolean rolledBack() {
        return rollback != null && rollback.rolledBack();
    }

    public boolean recovered() {
        return outcome == Outcome.RECOVERED;
    }

    /** The pages no contact accepted. */
    public List<PageResult> undelivered() {
        return pages.stream().filter(page -> !page.delivered()).toList();
    }

    /**
     * Whether this run leaves an incident open for {@link #incidentKey}: a trigger was sent (delivered or kept in an
     * outbox) and no resolve followed. A later passing verification of the pool resolves it.
     */
    public boolean incidentOpen() {
        boolean open = false;
        for (PageResult page : pages) {
            if (page.page().dedupKey().equals(incidentKey)) {
                open = page.page().action() == PageAction.TRIGGER;
            }
        }
        return open;
    }

    /** The verdict of the first verification in words, {@code NOT VERIFIED} when it could not run. */
    public String verdict() {
        return verification == null ? "NOT VERIFIED" : verification.verdict().name();
    }

    /**
     * One sentence for a build log, a failed step or a build's page: {@code verification of web FAIL; rolled back,
     * and the pool verifies again: web-02 got none of 12 responses ...}.
     */
    public String summary() {
        String what = "verification of " + pool + " " + verdict();
        if (outcome == Outcome.PASSED) {
            return what + ": " + VerificationWords.describe(verification);
        }
        String after = rollback == null ? "; no rollback is configured"
                : rollback.outcome() == RollbackResult.Outcome.NOT_STARTED ? "; the rollback DID NOT START: "
                        + rollback.reason()
                : !rollback.rolledBack() ? "; the rollback FAILED: " + rollback.reason()
                : recovered() ? "; rolled back, and the pool verifies again"
                : "; rolled back, but the pool STILL FAILS: " + (reverification == null
                        ? "it could not be verified again" : VerificationWords.firstReason(reverification));
        String why = verification == null ? reason : String.join("; ", verification.reasons());
        return what + after + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
