package io.jenkins.plugins.releasegate.view;

import io.releasegate.rollback.RollbackResult;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The rollback as the build's page shows it: what ran, OK, FAILED or NOT_STARTED, why, its output. */
@ExportedBean(defaultVisibility = 3)
public final class RollbackView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String outcome;
    private final Integer exitCode;
    private final boolean timedOut;
    private final long durationMs;
    private final String reason;
    private final String output;

    private RollbackView(RollbackResult result) {
        this.action = result.action();
        this.outcome = result.outcome().name();
        this.exitCode = result.exitCode();
        this.timedOut = result.timedOut();
        this.durationMs = result.durationMs();
        this.reason = result.reason();
        this.output = result.output();
    }

    public static RollbackView of(RollbackResult result) {
        return result == null ? null : new RollbackView(result);
    }

    @Exported
    public String getAction() {
        return action;
    }

    /** OK, FAILED or NOT_STARTED. */
    @Exported
    public String getOutcome() {
        return outcome;
    }

    public String getOutcomeBadge() {
        return Badge.status(outcome);
    }

    /** True only when the rollback ran and succeeded. */
    @Exported
    public boolean isRolledBack() {
        return "OK".equals(outcome);
    }

    /** In words: {@code rolled back}, {@code FAILED}, {@code did NOT START}. */
    public String getOutcomeText() {
        return switch (outcome) {
            case "OK" -> "rolled back";
            case "NOT_STARTED" -> "did NOT START";
            default -> timedOut ? "FAILED (killed at its timeout)" : "FAILED";
        };
    }

    /** {@code exit code 7}, {@code no exit code}. */
    @Exported
    public String getExitCode() {
        return exitCode == null ? "no exit code" : "exit code " + exitCode;
    }

    public String getDuration() {
        return Human.duration(durationMs);
    }

    @Exported
    public String getReason() {
        return reason;
    }

    public String getOutput() {
        return output;
    }

    public boolean isHasOutput() {
        return !output.isBlank();
    }
}
