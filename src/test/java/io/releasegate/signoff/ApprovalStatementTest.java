package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalStatementTest {
    private static final String DIGEST = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";
    private static final Instant TIME = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void shouldWriteEverySignedFieldOnItsOwnLineInAFixedOrder() {
        // arrange
        Approval approval = new Approval("bob", Set.of(), Decision.APPROVE, "web-02 is back", TIME, DIGEST, null,
                "bob@example.com");

        // act
        String text = ApprovalStatement.text(approval);

        // assert
        assertThat(text).isEqualTo("""
                release-gate approval v1
                digest: sha256:cd34cd34cd34cd34cd34cd34cd34cd34
                reviewer: bob
                email: bob@example.com
                decision: approve
                comment: web-02 is back
                time: 2026-12-03T12:00:00Z
                """);
    }

    @Test
    void shouldEscapeLineBreaksSoNoValueCanForgeAnotherLine() {
        // arrange: a comment that tries to end the statement early and restate the decision
        Approval approval = new Approval("bob", Set.of(), Decision.REJECT, "no\ndecision: approve\\n\ttab\u0007",
                TIME, DIGEST, null, "bob@example.com");

        // act
        String text = ApprovalStatement.text(approval);

        // assert
        assertThat(text.lines()).hasSize(7).contains("decision: reject",
                "comment: no\\ndecision: approve\\\\n\\ttab\\u0007");
        assertThat(ApprovalStatement.parse(text)).isEqualTo(approval);
    }

    @Test
    void shouldReadBackOnlyTheCanonicalText() {
        // arrange
        Approval approval = new Approval("bob", Set.of(), Decision.APPROVE, "", TIME, DIGEST, null, "bob@example.com");
        String text = ApprovalStatement.text(approval);

        // act / assert
        assertThat(ApprovalStatement.parse(text)).isEqualTo(approval);
        assertThatThrownBy(() -> ApprovalStatement.parse(text.replace("reviewer: bob", "reviewer:  bob")))
                .hasMessageContaining("reviewer: the value is not in canonical form");
        assertThatThrownBy(() -> ApprovalStatement.parse(text.replace("approve", "maybe")))
                .hasMessage("decision: 'maybe' is neither approve nor reject");
        assertThatThrownBy(() -> ApprovalStatement.parse(text.strip())).hasMessageStartingWith("not a release-gate"
                + " statement");
    }

    @Test
    void shouldNeedAnEmailToSign() {
        // arrange
        Approval approval = new Approval("bob", Set.of(), Decision.APPROVE, "", TIME, DIGEST);

        // act / assert
        assertThatThrownBy(() -> ApprovalStatement.text(approval)).hasMessageStartingWith("a signed decision needs"
                + " the reviewer's email");
    }
}
