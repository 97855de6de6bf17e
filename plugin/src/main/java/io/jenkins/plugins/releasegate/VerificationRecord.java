package io.jenkins.plugins.releasegate;

import io.jenkins.plugins.releasegate.view.Badge;
import io.jenkins.plugins.releasegate.view.Human;
import io.jenkins.plugins.releasegate.view.RecoveryView;
import io.jenkins.plugins.releasegate.view.VerificationView;
import io.releasegate.recovery.RecoveryResult;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The summary of one verification step kept in {@code build.xml}: what the job page's trend and the next build need
 * (the outcome, the worst backend's share, the incident left open). The full result is in its own file
 * ({@link RecoveryView}).
 */
@ExportedBean(defaultVisibility = 2)
public final class VerificationRecord implements Serializable {
    private static final long serialVersionUID = 2L;

    private final int index;
    private final String pool;
    private final String verdict;
    private final String outcome;
    private final boolean rolledBack;
    private final boolean recovered;
    private final long time;
    private final String incidentKey;
    private final boolean incidentOpen;
    private final String worstServer;
    private final double worstObserved;
    private final double worstDeclared;

    VerificationRecord(int index, String pool, RecoveryResult result, VerificationView first, long time) {
        this.index = index;
        this.pool = pool;
        this.verdict = result.verdict();
        this.outcome = result.outcome().name();
        this.rolledBack = result.rolledBack();
        this.recovered = result.recovered();
        this.time = time;
        this.incidentKey = result.incidentKey();
        this.incidentOpen = result.incidentOpen();
        VerificationView.ShareRow worst = first == null ? null : first.getWorst();
        this.worstServer = worst == null ? null : worst.getServer();
        this.worstObserved = worst == null ? 0 : worst.getObservedShare();
        this.worstDeclared = worst == null ? 0 : worst.getDeclaredShare();
    }

    public int getIndex() {
        return index;
    }

    String fileName() {
        return "recovery-" + index + ".xml";
    }

    @Exported
    public String getPool() {
        return pool;
    }

    /**
     * The verdict of the verification after the deploy: PASS, FAIL, ERROR, INCONCLUSIVE (cut short before its sample
     * allowed a verdict) or NOT VERIFIED.
     */
    @Exported
    public String getVerdict() {
        return verdict;
    }

    public String getVerdictBadge() {
        return Badge.status(verdict);
    }

    /** PASSED, RECOVERED or UNRECOVERED (a build.xml from before 0.2: derived from the verdict). */
    @Exported
    public String getOutcome() {
        if (outcome != null) {
            return outcome;
        }
        return "PASS".equals(verdict) ? "PASSED" : rolledBack && recovered ? "RECOVERED" : "UNRECOVERED";
    }

    public String getOutcomeBadge() {
        return Badge.status(getOutcome());
    }

    /** True only when a rollback ran and succeeded. */
    @Exported
    public boolean isRolledBack() {
        return rolledBack;
    }

    @Exported
    public boolean isRecovered() {
        return recovered;
    }

    @Exported
    public String getTime() {
        return Human.time(time);
    }

    /** The dedup key of the step's pages. */
    @Exported
    public String getIncidentKey() {
        return incidentKey;
    }

    /** A trigger went out and no resolve followed: the next passing verification of the pool resolves it. */
    @Exported
    public boolean isIncidentOpen() {
        return incidentOpen && incidentKey != null;
    }

    /** The declared backend furthest from its share, or null when nothing was verified. */
    public String getWorstServer() {
        return worstServer;
    }

    public double getWorstObserved() {
        return worstObserved;
    }

    public double getWorstDeclared() {
        return worstDeclared;
    }
}
