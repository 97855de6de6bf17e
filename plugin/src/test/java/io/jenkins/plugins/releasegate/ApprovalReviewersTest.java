package io.jenkins.plugins.releasegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a sign-off could never be released, releaseGateApproval fails at once instead of waiting for its timeout. */
class ApprovalReviewersTest {
    @Test
    void shouldRefuseASignOffWithoutReviewers() {
        // arrange: no reviewers in the Jenkinsfile, the policy or the global configuration
        String reviewers = "";

        // act
        String problem = ReleaseGateApprovalStep.nobodyMayApprove(reviewers, 1);

        // assert
        assertThat(problem).startsWith("nobody may approve this change").contains("reviewers:");
    }

    @Test
    void shouldRefuseFewerNamedReviewersThanApprovals() {
        // arrange: a CRITICAL change under the built-in policy needs 2, and only bob is named
        String reviewers = "bob";

        // act
        String problem = ReleaseGateApprovalStep.nobodyMayApprove(reviewers, 2);

        // assert
        assertThat(problem).contains("2 distinct approvals are required but only 1 reviewer(s) are named (bob)")
                .contains("approvals: 1");
    }

    @Test
    void shouldRefuseAReviewerListItCannotReadWhateverTheApprovals() {
        // arrange: a group without a name, once with approvals required and once without
        String reviewers = "bob, group:";

        // act
        String withApprovals = ReleaseGateApprovalStep.nobodyMayApprove(reviewers, 1);
        String withoutApprovals = ReleaseGateApprovalStep.nobodyMayApprove(reviewers, 0);

        // assert: the engine's reason, named after the list as written
        assertThat(List.of(withApprovals, withoutApprovals)).allSatisfy(problem -> assertThat(problem)
                .startsWith("reviewers 'bob, group:': ").contains("names no group"));
    }

    @Test
    void shouldAcceptEnoughReviewersAGroupOrNoApprovalNeeded() {
        // arrange, act, assert: a group may supply any number of reviewers; 0 approvals needs nobody
        assertThat(ReleaseGateApprovalStep.nobodyMayApprove("bob, carol", 2)).isNull();
        assertThat(ReleaseGateApprovalStep.nobodyMayApprove("bob, group:lb-reviewers", 2)).isNull();
        assertThat(ReleaseGateApprovalStep.nobodyMayApprove("", 0)).isNull();
    }
}
