package io.jenkins.plugins.releasegate;

import io.releasegate.signoff.Approval;
import io.releasegate.signoff.Decision;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One reviewer's decision as it is saved in {@code build.xml}. A plain class, not the engine's {@code Approval}
 * record: XStream in Jenkins 2.479 cannot restore records (their fields are final and set only by the canonical
 * constructor), so the action persists this and converts it for the rules.
 */
@ExportedBean(defaultVisibility = 2)
public final class ApprovalRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reviewer;
    private final String fullName;
    private final String email;
    private final ArrayList<String> groups;
    private final String decision;
    private final String comment;
    private final long time;
    private final String digest;

    ApprovalRecord(Approval approval) {
        this.reviewer = approval.reviewer();
        this.fullName = approval.fullName();
        this.email = approval.email();
        this.groups = new ArrayList<>(approval.groups());
        this.decision = approval.decision().name();
        this.comment = approval.comment();
        this.time = approval.time().toEpochMilli();
        this.digest = approval.digest();
    }

    Approval toApproval() {
        return new Approval(reviewer, groups == null ? Set.of() : Set.copyOf(groups), Decision.valueOf(decision),
                comment, Instant.ofEpochMilli(time), digest, fullName, email);
    }

    static List<Approval> toApprovals(List<ApprovalRecord> records) {
        return records.stream().map(ApprovalRecord::toApproval).toList();
    }

    @Exported
    public String getReviewer() {
        return reviewer;
    }

    @Exported
    public String getDecision() {
        return decision;
    }

    @Exported
    public String getComment() {
        return comment;
    }

    @Exported
    public String getTime() {
        return Instant.ofEpochMilli(time).toString();
    }

    @Exported
    public String getDigest() {
        return digest;
    }
}
