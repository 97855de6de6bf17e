package io.releasegate.signoff;

import java.io.Serializable;
import java.util.Objects;

/**
 * How the reviewers of a sign-off were identified, in words for every report.
 *
 * @param verified true when every decision that was considered came from an identified reviewer (a verified SSH
 *                 signature, or the host's login such as Jenkins); false when unsigned decisions were accepted
 * @param summary  one sentence, e.g. {@code approvals verified: 2 signed decision(s) checked against ...}
 */
public record ApprovalTrust(boolean verified, String summary) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Decisions collected by a host that identifies its users (the Jenkins login). */
    public static final ApprovalTrust HOST_LOGIN = new ApprovalTrust(true,
            "reviewers identified by the host's login (Jenkins)");

    public ApprovalTrust {
        Objects.requireNonNull(summary, "summary");
    }
}
