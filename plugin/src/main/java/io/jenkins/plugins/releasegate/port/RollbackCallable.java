package io.jenkins.plugins.releasegate.port;

import hudson.remoting.VirtualChannel;
import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the rollback command with the engine's {@link CommandRollback} ({@code /bin/sh -c}, bounded output, the whole
 * process tree killed at the timeout) on the agent, in the workspace, with the build's environment plus
 * {@code RELEASE_GATE_BASE}, {@code RELEASE_GATE_HEAD} and {@code RELEASE_GATE_POOL}. Returns the engine's typed
 * {@link RollbackResult}: {@code OK}, {@code FAILED} or {@code NOT_STARTED}.
 */
final class RollbackCallable extends MasterToSlaveFileCallable<RollbackResult> {
    private static final long serialVersionUID = 1L;
    /** Output kept in the report (head and tail): 64 KiB. */
    static final int MAX_OUTPUT = 64 * 1024;

    private final String command;
    private final Duration timeout;
    private final String base;
    private final String head;
    private final String pool;
    private final HashMap<String, String> environment;

    RollbackCallable(String command, Duration timeout, RollbackContext context, Map<String, String> environment) {
        this.command = command;
        this.timeout = timeout;
        this.base = context.base();
        this.head = context.head();
        this.pool = context.pool();
        this.environment = new HashMap<>(environment);
    }

    @Override
    public RollbackResult invoke(File dir, VirtualChannel channel) {
        return new CommandRollback(command, timeout, MAX_OUTPUT, environment)
                .run(new RollbackContext(base, head, pool, dir.toPath()));
    }
}
