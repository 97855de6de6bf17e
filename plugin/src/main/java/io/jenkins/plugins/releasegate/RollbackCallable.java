package io.jenkins.plugins.releasegate;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.releasegate.agent.JsonMaps;
import io.releasegate.rollback.CommandRollback;
import io.releasegate.rollback.RollbackContext;
import io.releasegate.rollback.RollbackResult;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the rollback command with the engine's {@link CommandRollback} ({@code /bin/sh -c}, bounded output, the whole
 * process tree killed at the timeout) on the agent, in the workspace, with the build's environment plus
 * {@code RELEASE_GATE_BASE}, {@code RELEASE_GATE_HEAD} and {@code RELEASE_GATE_POOL}. Returns the
 * {@link RollbackResult} as JSON: {@code {command, succeeded, exitCode, timedOut, durationMs, output, reason}}.
 */
final class RollbackCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;
    /** Output kept in the report (head and tail): 64 KiB. */
    static final int MAX_OUTPUT = 64 * 1024;

    private final String command;
    private final int timeoutMinutes;
    private final String base;
    private final String head;
    private final String pool;
    private final HashMap<String, String> environment;

    RollbackCallable(String command, int timeoutMinutes, String base, String head, String pool,
            Map<String, String> environment) {
        this.command = command;
        this.timeoutMinutes = timeoutMinutes;
        this.base = base;
        this.head = head;
        this.pool = pool;
        this.environment = new HashMap<>(environment);
    }

    @Override
    public String invoke(File dir, VirtualChannel channel) {
        RollbackResult result = new CommandRollback(command, Duration.ofMinutes(timeoutMinutes), MAX_OUTPUT,
                environment).run(new RollbackContext(base, head, pool, dir.toPath()));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("command", command);
        outcome.put("succeeded", result.succeeded());
        outcome.put("exitCode", result.exitCode());
        outcome.put("timedOut", result.timedOut());
        outcome.put("durationMs", result.durationMs());
        outcome.put("output", result.output());
        outcome.put("reason", result.reason());
        return JsonMaps.write(outcome);
    }
}
