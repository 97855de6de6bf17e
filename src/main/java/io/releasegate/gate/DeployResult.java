package io.releasegate.gate;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the deploy did: its description, whether it succeeded, the exit code (null when it never exited on its own or
 * is not a command), the captured output (bounded), how long it took and the reason in words.
 */
public record DeployResult(String action, boolean succeeded, Integer exitCode, String output, long durationMs,
        String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeployResult {
        Objects.requireNonNull(action, "action");
        output = output == null ? "" : output;
        reason = reason == null ? "" : reason;
    }
}
