package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How many approvals a sign-off needs, and refusing at once one nobody could ever give. */
class QuorumTest {
    @Test
    void shouldTakeThePolicysNumberUnlessTheJenkinsfileSetsOne() {
        // act
        Quorum policy = Quorum.of(2, true, 0, "CRITICAL");
        Quorum more = Quorum.of(1, true, 3, "HIGH");
        Quorum fewer = Quorum.of(2, true, 1, "CRITICAL");
        Quorum atLeastOne = Quorum.of(0, true, 0, "LOW");

        // assert
        assertThat(policy.required()).isEqualTo(2);
        assertThat(policy.belowPolicy()).isEmpty();
        assertThat(more.required()).isEqualTo(3);
        assertThat(more.belowPolicy()).isEmpty();
        assertThat(fewer.required()).isEqualTo(1);
        assertThat(fewer.belowPolicy()).contains("this Jenkinsfile asks for 1 approval(s) where the policy asks "
                + "for 2 for a CRITICAL change");
        assertThat(atLeastOne.required()).as("a change that needs review needs at least one approval").isOne();
    }

    @Test
    void shouldRefuseASignOffWithoutReviewers() {
        // act
        String problem = Quorum.of(1, true, 0, "HIGH").whyNobodyCanApprove("").orElseThrow();

        // assert
        assertThat(problem).startsWith("nobody may approve this change").contains("reviewers:");
    }

    @Test
    void shouldRefuseFewerNamedReviewersThanApprovals() {
        // act: a CRITICAL change under the built-in policy needs 2, and only bob is named
        String problem = Quorum.of(2, true, 0, "CRITICAL").whyNobodyCanApprove("bob").orElseThrow();

        // assert
        assertThat(problem).isEqualTo("2 distinct approvals are required but only 1 reviewer(s) are named (bob): "
                + "name more reviewers, add a group:NAME, or pass approvals: 1");
    }

    @Test
    void shouldRefuseAnUnreadableReviewerListWithAndWithoutApprovalsRequired() {
        // act
        String withApprovals = Quorum.of(1, true, 0, "LOW").whyNobodyCanApprove("bob, group:").orElseThrow();
        String withoutApprovals = Quorum.of(0, false, 0, "NONE").whyNobodyCanApprove("bob, group:").orElseThrow();

        // assert: the engine's reason, named after the list as written
        assertThat(List.of(withApprovals, withoutApprovals)).allSatisfy(problem -> assertThat(problem)
                .startsWith("reviewers 'bob, group:': ").contains("names no group"));
    }

    @Test
    void shouldAcceptEnoughReviewersAGroupOrNoApprovalNeeded() {
        assertThat(Quorum.of(2, true, 0, "HIGH").whyNobodyCanApprove("bob, carol")).isEmpty();
        assertThat(Quorum.of(2, true, 0, "HIGH").whyNobodyCanApprove("bob, group:lb-reviewers")).isEmpty();
        assertThat(Quorum.of(0, false, 0, "NONE").whyNobodyCanApprove("")).isEmpty();
    }
}
