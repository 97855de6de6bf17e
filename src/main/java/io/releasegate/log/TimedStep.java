package io.releasegate.log;

import java.io.Serializable;
import java.util.Objects;

/**
 * One timed step of a run (a gate run, the drill, a recovery).
 *
 * @param name       e.g. {@code diff}, {@code sign-off}, {@code deploy}, {@code verify}, {@code rollback},
 *                   {@code re-verify}, {@code page trigger}, {@code page resolve}
 * @param status     how it ended
 * @param startMs    when it started, in milliseconds after the run started
 * @param durationMs how long it took
 * @param detail     what happened, in words
 */
public record TimedStep(String name, Status status, long startMs, long durationMs, String detail)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a step ended. */
    public enum Status { OK, FAILED, SKIPPED }

    public TimedStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
