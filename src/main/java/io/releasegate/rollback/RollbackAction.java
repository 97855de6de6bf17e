package io.releasegate.rollback;

/**
 * Port: undoes a change after verification failed (run a command, restore HAProxy runtime state, ...).
 * Implementations never throw for a failed rollback; they say what happened in the {@link RollbackResult}.
 */
@FunctionalInterface
public interface RollbackAction {
    RollbackResult run(RollbackContext context);
}
