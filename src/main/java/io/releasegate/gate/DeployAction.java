package io.releasegate.gate;

import io.releasegate.rollback.RollbackContext;

/**
 * Port: puts the head revision live (a shell command, the drill's load-balancer reload, ...). Implementations never
 * throw for a failed deploy; they say what happened in the {@link DeployResult}.
 */
@FunctionalInterface
public interface DeployAction {
    /** {@code context} names the base and head revisions and the pool, as for a rollback. */
    DeployResult deploy(RollbackContext context);
}
