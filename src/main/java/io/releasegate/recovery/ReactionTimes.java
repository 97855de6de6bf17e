package io.releasegate.recovery;

import java.io.Serializable;

/**
 * How fast the gate reacted to a failure, in milliseconds after the failure was known (the end of the failed
 * verification or deploy): the figures of docs/benchmarks.md. The trigger goes out before the rollback starts, so
 * the time to the page never includes the rollback.
 *
 * @param pageAcceptedMs     when the first trigger was accepted by a contact (-1 when undelivered or not paged)
 * @param rollbackStartMs    when the rollback started (-1 without a rollback)
 * @param rollbackDurationMs the rollback's own run time (0 without a rollback)
 */
public record ReactionTimes(long pageAcceptedMs, long rollbackStartMs, long rollbackDurationMs)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * In words, never a {@code -1}: {@code failure -> page accepted 29 ms; failure -> rollback start 0 ms (the rollback
     * ran 412 ms)}, {@code failure -> no page accepted; no rollback}.
     */
    public String describe() {
        String page = pageAcceptedMs < 0 ? "failure -> no page accepted"
                : "failure -> page accepted " + pageAcceptedMs + " ms";
        String rollback = rollbackStartMs < 0 ? "no rollback"
                : "failure -> rollback start " + rollbackStartMs + " ms (the rollback ran " + rollbackDurationMs
                        + " ms)";
        return page + "; " + rollback;
    }
}
