package io.releasegate.rollback;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a rollback did: the action's description, whether it succeeded, the exit code (null when it never exited
 * on its own), whether it was killed at its timeout, its captured output (bounded), how long it took and the reason
 * in words.
 */
public record RollbackResult(String action, boolean succeeded, Integer exitCode, boolean timedOut, String output,
        long durationMs, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RollbackResult {
        Objects.requireNonNull(action, "action");
        output = output == null ? "" : output;
        reason = reason == null ? "" : reason;
    }
}
