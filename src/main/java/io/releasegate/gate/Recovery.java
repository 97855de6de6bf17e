package io.releasegate.gate;

import java.io.Serializable;

/**
 * How fast the gate reacted to a failure, in milliseconds after the failure was known (the end of the failed
 * verification or deploy): the figures of docs/benchmarks.md.
 *
 * @param rollbackStartMs     when the rollback action started (-1 without a rollback)
 * @param rollbackDurationMs  the rollback action's own run time
 * @param pageAcceptedMs      when the first trigger was accepted by a contact (-1 when undelivered)
 */
public record Recovery(long rollbackStartMs, long rollbackDurationMs, long pageAcceptedMs) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Time to the page, without the rollback's own run time (-1 when undelivered). */
    public long pageAcceptedExcludingRollbackMs() {
        return pageAcceptedMs < 0 ? -1 : pageAcceptedMs - Math.max(0, rollbackDurationMs);
    }
}
