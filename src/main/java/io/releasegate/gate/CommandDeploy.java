package io.releasegate.gate;

import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import java.time.Duration;

/**
 * Deploys by running a shell command, with the same process handling as the rollback command (environment
 * {@code RELEASE_GATE_BASE/HEAD/POOL}, bounded by a timeout that kills the whole process tree, output captured).
 */
public final class CommandDeploy implements DeployAction {
    private final CommandRollback runner;

    public CommandDeploy(String command, Duration timeout) {
        this.runner = CommandRollback.forStep("deploy", command, timeout);
    }

    @Override
    public DeployResult deploy(RollbackContext context) {
        RollbackResult result = runner.run(context);
        return new DeployResult(result.action(), result.rolledBack(), result.exitCode(), result.output(),
                result.durationMs(), result.reason());
    }
}
