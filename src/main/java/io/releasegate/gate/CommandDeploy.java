package io.releasegate.gate;

import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Deploys by running a shell command, with the same process handling as the rollback command (environment
 * {@code RELEASE_GATE_BASE/HEAD/POOL}, bounded by a timeout that kills the whole process tree, output captured).
 */
public final class CommandDeploy implements DeployAction {
    private final CommandRollback runner;

    public CommandDeploy(String command, Duration timeout) {
        this(command, timeout, name -> false);
    }

    /** A deploy whose command does not inherit the variables {@code withheld} accepts (the operator's secrets). */
    public CommandDeploy(String command, Duration timeout, Predicate<String> withheld) {
        this.runner = CommandRollback.forStep("deploy", command, timeout).withholding(withheld);
    }

    @Override
    public DeployResult deploy(RollbackContext context) {
        RollbackResult result = runner.run(context);
        return new DeployResult(result.action(), result.rolledBack(), result.exitCode(), result.output(),
                result.durationMs(), result.reason());
    }
}
