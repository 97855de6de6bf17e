package io.releasegate.rollback;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a rollback did: the action's description, its {@link Outcome}, the exit code (null when it never exited on its
 * own or is not a command), whether it was killed at its timeout, its captured output (bounded), how long it took and
 * the reason in words. A rollback that could not even start says so: it never claims to have rolled back.
 */
public record RollbackResult(String action, Outcome outcome, Integer exitCode, boolean timedOut, String output,
        long durationMs, String reason) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** How a rollback ended. */
    public enum Outcome {
        /** It ran and reported success (exit code 0, every server restored). */
        OK,
        /** It ran and failed (non-zero exit, killed at its timeout, a server it could not restore). */
        FAILED,
        /** It never ran: the command could not be started, the runtime API could not be reached. */
        NOT_STARTED
    }

    public RollbackResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        output = output == null ? "" : output;
        reason = reason == null ? "" : reason;
    }

    /** A rollback that ran and succeeded. */
    public static RollbackResult ok(String action, Integer exitCode, String output, long durationMs, String reason) {
        return new RollbackResult(action, Outcome.OK, exitCode, false, output, durationMs, reason);
    }

    /** A rollback that ran and failed. */
    public static RollbackResult failed(String action, Integer exitCode, boolean timedOut, String output,
            long durationMs, String reason) {
        return new RollbackResult(action, Outcome.FAILED, exitCode, timedOut, output, durationMs, reason);
    }

    /** A rollback that never started. */
    public static RollbackResult notStarted(String action, long durationMs, String reason) {
        return new RollbackResult(action, Outcome.NOT_STARTED, null, false, "", durationMs, reason);
    }

    /** True only when the rollback ran and succeeded. */
    public boolean rolledBack() {
        return outcome == Outcome.OK;
    }
}
