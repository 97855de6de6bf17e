package io.releasegate.recovery;

/** Which verification the recovery asks its {@link PoolVerifier} for. */
public enum Stage {
    /** The pool as the deploy left it. */
    AFTER_DEPLOY,
    /** The pool as the rollback restored it (the base revision's declaration where there is one). */
    AFTER_ROLLBACK
}
