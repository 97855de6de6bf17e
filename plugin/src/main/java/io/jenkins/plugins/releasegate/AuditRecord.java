package io.jenkins.plugins.releasegate;

import io.releasegate.signoff.AuditEntry;
import java.io.Serializable;
import io.jenkins.plugins.releasegate.view.Human;
import java.time.Instant;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One line of the sign-off audit trail as saved in {@code build.xml} (see {@link ApprovalRecord} for why). */
@ExportedBean(defaultVisibility = 2)
public final class AuditRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long time;
    private final String actor;
    private final String kind;
    private final String comment;
    private final String digest;

    AuditRecord(AuditEntry entry) {
        this.time = entry.time().toEpochMilli();
        this.actor = entry.actor();
        this.kind = entry.kind().name();
        this.comment = entry.comment();
        this.digest = entry.digest();
    }

    /** ISO-8601, as the REST API gives it. */
    @Exported
    public String getTime() {
        return Instant.ofEpochMilli(time).toString();
    }

    /** {@code 2025-03-01 10:00:05 UTC}. */
    public String getWhen() {
        return Human.time(time);
    }

    @Exported
    public String getActor() {
        return actor;
    }

    @Exported
    public String getKind() {
        return kind;
    }

    @Exported
    public String getComment() {
        return comment;
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    /** {@code sha256:6cd751c6b8ba}: the page shows this, with the full digest on hover and to copy. */
    public String getShortDigest() {
        return Human.shortDigest(digest);
    }
}
