package io.jenkins.plugins.releasegate.port;

import hudson.FilePath;
import io.releasegate.rollback.RollbackAction;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The recovery's rollback in Jenkins: the step's command on the build's agent, in its workspace (created first, as
 * {@code sh} does, so {@code /bin/sh} has a directory to start in). A workspace that cannot be created is a rollback
 * that did {@code NOT_START}; a channel that fails on the way is a {@code FAILED} one whose reason says that nobody
 * knows whether the command ran. The result never claims more than happened.
 */
public final class AgentRollback implements RollbackAction {
    private final FilePath workspace;
    private final String command;
    private final Duration timeout;
    private final Map<String, String> environment;

    public AgentRollback(FilePath workspace, String command, Duration timeout, Map<String, String> environment) {
        this.workspace = workspace;
        this.command = command;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public RollbackResult run(RollbackContext context) {
        String action = "command: " + command;
        try {
            workspace.mkdirs();
        } catch (IOException e) {
            return RollbackResult.notStarted(action, 0, "the rollback command could not be started: the workspace "
                    + workspace.getRemote() + " cannot be created on the agent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted before the rollback started");
        }
        try {
            return workspace.act(new RollbackCallable(command, timeout, context, environment));
        } catch (IOException e) {
            // the channel may have failed before or while the command ran: never claim it did not run, nor that it
            // rolled back
            return RollbackResult.failed(action, null, false, "", 0, "the agent's channel failed, so whether the "
                    + "rollback command ran is unknown: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while rolling back on the agent");
        }
    }
}
