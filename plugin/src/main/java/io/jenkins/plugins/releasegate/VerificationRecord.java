package io.jenkins.plugins.releasegate;

import java.io.Serializable;
import java.time.Instant;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The summary of one verification kept in {@code build.xml}; the full result is in its JSON file. */
@ExportedBean(defaultVisibility = 2)
public final class VerificationRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String pool;
    private final String verdict;
    private final boolean rolledBack;
    private final boolean recovered;
    private final long time;

    VerificationRecord(int index, String pool, String verdict, boolean rolledBack, boolean recovered, long time) {
        this.index = index;
        this.pool = pool;
        this.verdict = verdict;
        this.rolledBack = rolledBack;
        this.recovered = recovered;
        this.time = time;
    }

    public int getIndex() {
        return index;
    }

    String fileName() {
        return "verification-" + index + ".json";
    }

    @Exported
    public String getPool() {
        return pool;
    }

    /** PASS, FAIL, ERROR or INCONCLUSIVE: the verdict of the first verification (before any rollback). */
    @Exported
    public String getVerdict() {
        return verdict;
    }

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
        return Instant.ofEpochMilli(time).toString();
    }

    /** The verdict a trend shows: PASS, FAIL (recovered by rollback), FAIL, ERROR. */
    public String getOutcome() {
        if ("PASS".equals(verdict)) {
            return "PASS";
        }
        return rolledBack && recovered ? "ROLLED_BACK" : verdict;
    }
}
