package io.releasegate.gate;

/** How a gate run ended, with its exit code. */
public enum GateOutcome {
    /** Released, deployed and verified. */
    RELEASED(0),
    /** Stopped before the deploy: the sign-off does not release this change. */
    BLOCKED(1),
    /** The deploy or the verification failed; the rollback recovered the pool and every page was delivered. */
    ROLLED_BACK(1),
    /** Failed and could not recover (no rollback, rollback failed, re-verification failed) or could not page. */
    UNRECOVERED(3);

    private final int exitCode;

    GateOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
