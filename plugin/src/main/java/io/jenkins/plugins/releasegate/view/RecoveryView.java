package io.jenkins.plugins.releasegate.view;

import io.jenkins.plugins.releasegate.agent.HoldInForce;
import io.releasegate.log.TimedStep;
import io.releasegate.paging.PageResult;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.recovery.Stage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What one {@code releaseGateVerify} or {@code releaseGate} step did after the deploy, as the build's page shows it:
 * the verification, the pages in the order they went out, the rollback and the verification after it.
 */
@ExportedBean(defaultVisibility = 2)
public final class RecoveryView implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final String outcome;
    private final String summary;
    private final VerificationView verification;
    private final RollbackView rollback;
    private final VerificationView afterRollback;
    private final ArrayList<PageView> pages = new ArrayList<>();
    private final ArrayList<StepRow> steps = new ArrayList<>();
    private final String reaction;

    private RecoveryView(String pool, RecoveryResult result, Function<PageResult, String> outbox,
            Function<Stage, List<HoldInForce>> holds) {
        this.pool = pool;
        this.outcome = result.outcome().name();
        this.summary = result.summary();
        this.verification = VerificationView.of(result.verification(), holds.apply(Stage.AFTER_DEPLOY));
        this.rollback = RollbackView.of(result.rollback());
        this.afterRollback = VerificationView.of(result.reverification(), holds.apply(Stage.AFTER_ROLLBACK));
        for (PageResult page : result.pages()) {
            pages.add(PageView.of(page, outbox.apply(page)));
        }
        for (TimedStep step : result.steps()) {
            steps.add(new StepRow(step));
        }
        this.reaction = result.reaction() == null ? "" : (result.reaction().pageAcceptedMs() < 0
                ? "no page was accepted" : "the page was accepted " + Human.duration(result.reaction()
                        .pageAcceptedMs()) + " after the failure")
                + (result.reaction().rollbackStartMs() < 0 ? "" : "; the rollback started "
                        + Human.duration(result.reaction().rollbackStartMs()) + " after it");
    }

    /**
     * @param pool   the pool as the step named it
     * @param outbox where an undelivered page is kept (null when it is not kept)
     */
    public static RecoveryView of(String pool, RecoveryResult result, Function<PageResult, String> outbox) {
        return of(pool, result, outbox, stage -> List.of());
    }

    /**
     * @param holds the holds in force each verification judged by (the one after the deploy, the one after the
     *              rollback)
     */
    public static RecoveryView of(String pool, RecoveryResult result, Function<PageResult, String> outbox,
            Function<Stage, List<HoldInForce>> holds) {
        return new RecoveryView(pool, result, outbox, holds);
    }

    @Exported
    public String getPool() {
        return pool;
    }

    /** PASSED, RECOVERED or UNRECOVERED. */
    @Exported
    public String getOutcome() {
        return outcome;
    }

    public String getOutcomeBadge() {
        return Badge.status(outcome);
    }

    /** The engine's sentence: {@code verification of web FAIL; rolled back, and the pool verifies again (...)}. */
    @Exported
    public String getSummary() {
        return summary;
    }

    /** The verification after the deploy; null when it could not run. */
    @Exported
    public VerificationView getVerification() {
        return verification;
    }

    /** FAIL, PASS, ... or NOT VERIFIED. */
    public String getVerdict() {
        return verification == null ? "NOT VERIFIED" : verification.getVerdict();
    }

    public String getVerdictBadge() {
        return Badge.status(getVerdict());
    }

    /**
     * The holds in force by the step's last verification: the one after the rollback when it ran (the base
     * revision's holds), else the one after the deploy; empty when none ran.
     */
    public List<HoldView> getHolds() {
        VerificationView last = afterRollback != null ? afterRollback : verification;
        return last == null ? List.of() : last.getHolds();
    }

    @Exported
    public RollbackView getRollback() {
        return rollback;
    }

    @Exported
    public VerificationView getAfterRollback() {
        return afterRollback;
    }

    @Exported
    public List<PageView> getPages() {
        return List.copyOf(pages);
    }

    public List<StepRow> getSteps() {
        return List.copyOf(steps);
    }

    /** {@code the page was accepted 34 ms after the failure; the rollback started 35 ms after it}; empty on PASS. */
    public String getReaction() {
        return reaction;
    }

    /** One timed step. */
    public static final class StepRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String status;
        private final long startMs;
        private final long durationMs;
        private final String detail;

        StepRow(TimedStep step) {
            this.name = step.name();
            this.status = step.status().name();
            this.startMs = step.startMs();
            this.durationMs = step.durationMs();
            this.detail = step.detail();
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public String getStatusBadge() {
            return Badge.status(status);
        }

        /** {@code +1.2 s}. */
        public String getStart() {
            return "+" + Human.duration(startMs);
        }

        public String getDuration() {
            return Human.duration(durationMs);
        }

        public String getDetail() {
            return detail;
        }
    }
}
