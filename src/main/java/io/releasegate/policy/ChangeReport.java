package io.releasegate.policy;

import io.releasegate.diff.ChangeDigest;
import io.releasegate.diff.DiffResult;
import java.io.Serializable;
import java.util.List;

/**
 * A semantic diff judged by the policy: what a reviewer sees and what an approval is pinned to.
 *
 * @param diff              the semantic diff (with the edits of the policy file)
 * @param changes           every change with its risk
 * @param risk              the highest risk
 * @param reviewRequired    whether sign-off is needed before deploy
 * @param requiredApprovals distinct reviewers needed (0 when no review is required)
 * @param reviewers         allowed reviewers from the policy (users, {@code group:NAME})
 * @param policySource      where the judging policy came from
 * @param approvalMaxAgeMinutes approvals older than this many minutes expire ({@code review.maxAge}); 0 = never
 * @param policyDigest      {@code sha256:} of the judging policy's canonical form
 */
public record ChangeReport(DiffResult diff, List<AssessedChange> changes, Risk risk, boolean reviewRequired,
        int requiredApprovals, List<String> reviewers, String policySource, long approvalMaxAgeMinutes,
        String policyDigest) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ChangeReport {
        changes = List.copyOf(changes);
        reviewers = List.copyOf(reviewers);
    }

    /** Judges a diff under a policy. An unparseable head is CRITICAL and always needs review. */
    public static ChangeReport of(DiffResult diff, Policy policy) {
        List<AssessedChange> assessed = new RiskAssessor(policy).assess(diff.changes());
        Risk risk = RiskAssessor.overall(assessed);
        boolean review = risk != Risk.NONE && policy.reviewThreshold() != Risk.NONE
                && risk.atLeast(policy.reviewThreshold());
        int approvals = review ? Math.max(1, policy.approvalsFor(risk)) : 0;
        long maxAge = policy.approvalMaxAge().map(age -> Math.max(1, age.toMinutes())).orElse(0L);
        return new ChangeReport(diff, assessed, risk, review, approvals, policy.reviewers(), policy.source(), maxAge,
                PolicyTerms.digest(policy));
    }

    /**
     * What an approval is pinned to: {@code sha256:} over the canonical change set (the policy file's edits
     * included) and the judging policy's canonical form. Reformatting keeps it; any semantic difference, or another
     * judging policy, changes it.
     */
    public String digest() {
        return ChangeDigest.of(diff.changes(), policyDigest);
    }
}
