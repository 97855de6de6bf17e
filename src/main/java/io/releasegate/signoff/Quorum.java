package io.releasegate.signoff;

import java.util.Optional;

/**
 * How many approvals a sign-off needs and whether anyone could ever give them, decided before anyone waits: the rules
 * the Jenkins step {@code releaseGateApproval} applies to the change and the Jenkinsfile's options.
 *
 * @param required    the distinct approvals the sign-off waits for
 * @param fromPolicy  what the policy asks for this change (at least 1 when review is required)
 * @param belowPolicy a sentence when the Jenkinsfile asks for fewer than the policy (said in the build log), or empty
 */
public record Quorum(int required, int fromPolicy, Optional<String> belowPolicy) {
    public Quorum {
        belowPolicy = belowPolicy == null ? Optional.empty() : belowPolicy;
    }

    /**
     * The approvals needed: the policy's number for this change ({@code policyApprovals}, at least 1 when
     * {@code reviewRequired}) unless the Jenkinsfile sets its own ({@code explicit} above 0). A number below the
     * policy's is the Jenkinsfile's choice and allowed, but said.
     *
     * @param risk the change's risk, for the sentence
     */
    public static Quorum of(int policyApprovals, boolean reviewRequired, int explicit, String risk) {
        int fromPolicy = Math.max(policyApprovals, reviewRequired ? 1 : 0);
        int required = explicit > 0 ? explicit : fromPolicy;
        Optional<String> below = required < fromPolicy
                ? Optional.of("this Jenkinsfile asks for " + required + " approval(s) where the policy asks for "
                        + fromPolicy + " for a " + risk + " change")
                : Optional.empty();
        return new Quorum(required, fromPolicy, below);
    }

    /**
     * Why nobody could ever release this sign-off (so it fails at once instead of waiting for its timeout), or empty
     * when someone can: the reviewer list cannot be read, it names nobody, or it names fewer users than approvals are
     * required and no group could supply more.
     */
    public Optional<String> whyNobodyCanApprove(String reviewers) {
        SignOffPolicy policy;
        try {
            policy = SignOffPolicy.of(reviewers, required, null);
        } catch (IllegalArgumentException e) {
            return Optional.of("reviewers '" + reviewers + "': " + e.getMessage());
        }
        if (required == 0) {
            return Optional.empty();
        }
        if (policy.users().isEmpty() && policy.groups().isEmpty()) {
            return Optional.of("nobody may approve this change: name the reviewers (reviewers: 'bob, "
                    + "group:lb-reviewers'), in .releasegate.yml (review.reviewers) or as the default reviewers in "
                    + "Manage Jenkins > System > Release Gate");
        }
        if (policy.groups().isEmpty() && policy.users().size() < required) {
            return Optional.of(required + " distinct approvals are required but only " + policy.users().size()
                    + " reviewer(s) are named (" + policy.describeReviewers() + "): name more reviewers, add a"
                    + " group:NAME, or pass approvals: " + policy.users().size());
        }
        return Optional.empty();
    }
}
