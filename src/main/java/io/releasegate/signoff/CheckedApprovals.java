package io.releasegate.signoff;

import java.util.List;
import java.util.Objects;

/**
 * The decisions of an approvals file after their signatures were checked: those whose reviewer is identified, and
 * those refused (bad or missing signature), each with the reason.
 *
 * @param accepted decisions that go on to the sign-off rules, with the identity their signature proved
 * @param refused  decisions that do not count whatever the rules say, with the reason
 * @param trust    how the accepted decisions were identified
 */
public record CheckedApprovals(List<Approval> accepted, List<SignOffDecision.Outcome> refused, ApprovalTrust trust) {
    public CheckedApprovals {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
        Objects.requireNonNull(trust, "trust");
    }

    /** Decisions whose reviewers the host identified (the Jenkins plugin): nothing to check. */
    public static CheckedApprovals identifiedByHost(List<Approval> approvals) {
        return new CheckedApprovals(approvals, List.of(), ApprovalTrust.HOST_LOGIN);
    }
}
