package io.releasegate.signoff;

import io.releasegate.diff.Author;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignOffTest {
    private static final String DIGEST = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";
    private static final String OTHER = "sha256:ab12ab12ab12ab12ab12ab12ab12ab12";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Author ALICE = new Author("Alice Liddell", "alice@example.com");

    private static Approval approve(String who, Instant time) {
        return new Approval(who, Set.of(), Decision.APPROVE, "ok", time, DIGEST);
    }

    private static Approval approve(String who) {
        return approve(who, NOW.minusSeconds(60));
    }

    private static SignOffDecision evaluate(SignOffPolicy policy, String starter, Approval... approvals) {
        return SignOff.evaluate(new ChangeUnderReview(DIGEST, List.of(ALICE), starter), policy, List.of(approvals),
                NOW);
    }

    @Test
    void shouldReleaseWhenAnAllowedReviewerApprovesTheDigest() {
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, null);

        SignOffDecision decision = evaluate(policy, null, approve("bob"));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
        assertThat(decision.counted()).extracting(Approval::reviewer).containsExactly("bob");
        assertThat(decision.missing()).isZero();
        assertThat(decision.reasons()).containsExactly("bob's approval counts (1 of 1)");
        assertThat(decision.summary()).isEqualTo("released: 1 of 1 required approvals (bob)");
    }

    @Test
    void shouldIgnoreAnApprovalForAnotherDigest() {
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, null);
        Approval stale = new Approval("bob", Set.of(), Decision.APPROVE, "", NOW, OTHER);

        SignOffDecision decision = evaluate(policy, null, stale);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.missing()).isEqualTo(1);
        assertThat(decision.reasons()).containsExactly("bob's approval is for digest sha256:ab12ab12ab12… but the"
                + " change is sha256:cd34cd34cd34…: it does not count");
    }

    @Test
    void shouldExpireApprovalsOlderThanTheMaximumAge() {
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, Duration.ofHours(24));
        Approval old = approve("bob", NOW.minus(Duration.ofHours(25)));

        SignOffDecision decision = evaluate(policy, null, old);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons().get(0)).contains("older than the maximum age of 1d").endsWith("expired");
    }

    @Test
    void shouldKeepAnApprovalJustWithinTheMaximumAge() {
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, Duration.ofHours(24));

        SignOffDecision decision = evaluate(policy, null, approve("bob", NOW.minus(Duration.ofHours(24))));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
    }

    @Test
    void shouldNotCountTheAuthorMatchedByEmail() {
        SignOffPolicy policy = SignOffPolicy.of("al", 1, null);
        Approval byAuthor = new Approval("al", Set.of(), Decision.APPROVE, "", NOW, DIGEST, null,
                "ALICE@Example.com");

        SignOffDecision decision = evaluate(policy, null, byAuthor);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons().get(0)).isEqualTo("al's approval does not count: al is an author of the"
                + " commits under review (Alice Liddell <alice@example.com>) and may not approve them");
    }

    @Test
    void shouldNotCountTheAuthorMatchedByUserIdOrFullName() {
        SignOffPolicy policy = SignOffPolicy.of("alice.liddell, al", 1, null);
        Approval byFullName = new Approval("al", Set.of(), Decision.APPROVE, "", NOW, DIGEST, "alice  LIDDELL", null);
        ChangeUnderReview change = new ChangeUnderReview(DIGEST, List.of(new Author("alice.liddell", null)), null);

        SignOffDecision byName = evaluate(policy, null, byFullName);
        Eligibility byId = SignOff.canApprove(Identity.of("Alice.Liddell"), change, policy);

        assertThat(byName.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(byName.outcomes().get(0).effect()).isEqualTo(SignOffDecision.Effect.IGNORED);
        assertThat(byId.allowed()).isFalse();
        assertThat(byId.reason()).contains("is an author of the commits under review");
    }

    @Test
    void shouldNotCountTheBuildStarter() {
        SignOffPolicy policy = SignOffPolicy.of("bob, carol", 1, null);

        SignOffDecision decision = evaluate(policy, "Carol", approve("carol"));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons().get(0)).isEqualTo("carol's approval does not count: carol started this build"
                + " and may not approve the change it deploys");
        assertThat(decision.mayStillApprove()).containsExactly("bob");
    }

    @Test
    void shouldNotCountSomeoneWhoIsNotAReviewer() {
        SignOffPolicy policy = SignOffPolicy.of("bob, group:lb-reviewers", 1, null);

        SignOffDecision decision = evaluate(policy, null, approve("dave"));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons().get(0)).isEqualTo("dave's approval does not count: dave is neither a named"
                + " reviewer nor a member of a reviewer group (reviewers: bob, group:lb-reviewers)");
    }

    @Test
    void shouldCountAMemberOfAReviewerGroup() {
        SignOffPolicy policy = SignOffPolicy.of("group:LB-Reviewers", 1, null);
        Approval member = new Approval("erin", Set.of("developers", "lb-reviewers"), Decision.APPROVE, "", NOW,
                DIGEST);

        SignOffDecision decision = evaluate(policy, null, member);
        Eligibility eligibility = SignOff.canApprove(member.identity(), new ChangeUnderReview(DIGEST, List.of(),
                null), policy);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
        assertThat(eligibility).isEqualTo(new Eligibility(true, "erin may approve as member of group:LB-Reviewers"));
    }

    @Test
    void shouldStayPendingWithTooFewApprovals() {
        SignOffPolicy policy = SignOffPolicy.of("bob, carol, group:lb-reviewers", 2, null);

        SignOffDecision decision = evaluate(policy, null, approve("bob"));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.missing()).isEqualTo(1);
        assertThat(decision.mayStillApprove()).containsExactly("carol", "group:lb-reviewers");
        assertThat(decision.summary()).isEqualTo("pending: 1 of 2 required approvals; 1 more needed from carol,"
                + " group:lb-reviewers");
    }

    @Test
    void shouldCountTheSameReviewerOnlyOnce() {
        SignOffPolicy policy = SignOffPolicy.of("bob, carol", 2, null);

        SignOffDecision decision = evaluate(policy, null, approve("bob", NOW.minusSeconds(30)),
                approve("BOB", NOW.minusSeconds(10)));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.counted()).hasSize(1);
        assertThat(decision.reasons().get(1)).isEqualTo("BOB already approved this change; a reviewer counts once");
    }

    @Test
    void shouldReleaseWithTwoDistinctReviewers() {
        SignOffPolicy policy = SignOffPolicy.of("bob, carol", 2, null);

        SignOffDecision decision = evaluate(policy, null, approve("carol", NOW.minusSeconds(5)),
                approve("bob", NOW.minusSeconds(50)));

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
        assertThat(decision.counted()).extracting(Approval::reviewer).containsExactly("bob", "carol");
    }

    @Test
    void shouldBlockOnARejectEvenWithEnoughApprovals() {
        SignOffPolicy policy = SignOffPolicy.of("bob, carol, dave", 2, null);
        Approval reject = new Approval("dave", Set.of(), Decision.REJECT, "web-02 must stay", NOW.minusSeconds(5),
                DIGEST);

        SignOffDecision decision = evaluate(policy, null, approve("bob"), approve("carol"), reject);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.REJECTED);
        assertThat(decision.summary()).isEqualTo("rejected by dave: \"web-02 must stay\"");
        assertThat(decision.outcomes()).extracting(SignOffDecision.Outcome::effect).containsExactly(
                SignOffDecision.Effect.COUNTED, SignOffDecision.Effect.COUNTED, SignOffDecision.Effect.BLOCKS);
    }

    @Test
    void shouldIgnoreARejectFromSomeoneWhoMayNotReview() {
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, null);
        Approval rejectByOutsider = new Approval("mallory", Set.of(), Decision.REJECT, "no", NOW, DIGEST);
        Approval rejectForOtherDigest = new Approval("bob", Set.of(), Decision.REJECT, "no", NOW, OTHER);

        SignOffDecision decision = evaluate(policy, null, approve("bob"), rejectByOutsider, rejectForOtherDigest);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
    }

    @Test
    void shouldReleaseWithoutApprovalsWhenNoneAreRequired() {
        SignOffDecision decision = evaluate(SignOffPolicy.of("", 0, null), null);

        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.RELEASED);
        assertThat(decision.summary()).isEqualTo("released: no approval is required");
    }

    @Test
    void shouldSayWhenNoAllowedReviewerIsLeft() {
        SignOffPolicy policy = SignOffPolicy.of("carol", 1, null);

        SignOffDecision decision = evaluate(policy, "carol");

        assertThat(decision.summary()).endsWith("1 more needed from nobody (no allowed reviewer is left)");
    }

    @Test
    void shouldReadGroupsAndUsersFromAReviewersString() {
        SignOffPolicy policy = SignOffPolicy.of(" bob,group:lb-reviewers  carol ", 2, Duration.ofMinutes(90));

        assertThat(policy.users()).containsExactlyInAnyOrder("bob", "carol");
        assertThat(policy.groups()).containsExactly("lb-reviewers");
        assertThat(policy.describeReviewers()).isEqualTo("bob, carol, group:lb-reviewers");
        assertThat(SignOff.describe(policy.maxAge())).isEqualTo("90m");
    }

    @Test
    void shouldNotCountAnApprovalDatedMoreThanFiveMinutesInTheFuture() {
        // arrange
        SignOffPolicy policy = SignOffPolicy.of("bob, carol", 2, null);
        Approval skewed = approve("carol", NOW.plus(Duration.ofMinutes(4)));
        Approval fromTheFuture = approve("bob", NOW.plus(Duration.ofMinutes(6)));

        // act
        SignOffDecision decision = evaluate(policy, null, skewed, fromTheFuture);

        // assert
        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.counted()).extracting(Approval::reviewer).containsExactly("carol");
        assertThat(decision.reasons()).containsExactly("carol's approval counts (1 of 2)",
                "bob's approval is dated 2026-11-24T12:06:00Z, more than 5m after now (2026-11-24T12:00:00Z): a"
                        + " decision from the future does not count");
    }

    @Test
    void shouldMeasureTheMaximumAgeAgainstNowSoAFarFutureDateCannotKeepAnApprovalAlive() {
        // arrange: dated years ahead, an approval would never reach its maximum age
        SignOffPolicy policy = SignOffPolicy.of("bob", 1, Duration.ofHours(1));
        Approval forever = approve("bob", Instant.parse("2099-01-01T00:00:00Z"));

        // act
        SignOffDecision decision = evaluate(policy, null, forever);

        // assert
        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons().get(0)).contains("a decision from the future does not count");
    }

    @Test
    void shouldStillBlockOnARejectDatedInTheFuture() {
        // arrange
        SignOffPolicy policy = SignOffPolicy.of("bob, dave", 1, null);
        Approval reject = new Approval("dave", Set.of(), Decision.REJECT, "no", NOW.plus(Duration.ofHours(1)),
                DIGEST);

        // act
        SignOffDecision decision = evaluate(policy, null, approve("bob"), reject);

        // assert
        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.REJECTED);
    }

    @Test
    void shouldTreatAReviewerIdEqualToTheLocalPartOfAnAuthorsEmailAsThatAuthor() {
        // arrange: reviewer alice, no email, commits by Alice Liddell <alice@example.com>
        SignOffPolicy policy = SignOffPolicy.of("ALICE, bob", 1, null);
        Approval byAlice = approve("ALICE");

        // act
        SignOffDecision decision = evaluate(policy, null, byAlice);

        // assert
        assertThat(decision.status()).isEqualTo(SignOffDecision.Status.PENDING);
        assertThat(decision.reasons()).containsExactly("ALICE's approval does not count: ALICE is an author of the"
                + " commits under review (Alice Liddell <alice@example.com>) and may not approve them");
    }

    @Test
    void shouldNeverListTheAuthorOrTheStarterAmongThoseWhoMayStillApprove() {
        // arrange: alice wrote the commits (matched by her email's local part); carol started the run and is named
        // by her email in the policy
        SignOffPolicy policy = SignOffPolicy.of("alice, carol@example.com, bob, group:lb-reviewers", 1, null);

        // act
        SignOffDecision decision = evaluate(policy, "carol");

        // assert
        assertThat(decision.mayStillApprove()).containsExactly("bob", "group:lb-reviewers");
        assertThat(decision.summary()).isEqualTo("pending: 0 of 1 required approvals; 1 more needed from bob,"
                + " group:lb-reviewers");
    }

    @Test
    void shouldListRefusedDecisionsInTimeOrderAndSayTheApprovalsWereNotVerified() {
        // arrange
        SignOffPolicy policy = SignOffPolicy.of("bob, carol", 1, null);
        Approval refused = approve("carol", NOW.minusSeconds(120));
        CheckedApprovals checked = new CheckedApprovals(List.of(approve("bob")), List.of(new SignOffDecision.Outcome(
                refused, SignOffDecision.Effect.IGNORED, "carol's approval is not signed")),
                new ApprovalTrust(false, "approvals NOT VERIFIED: 1 unsigned decision(s) accepted"));

        // act
        SignOffDecision decision = SignOff.evaluate(new ChangeUnderReview(DIGEST, List.of(ALICE), null), policy,
                checked, NOW);

        // assert
        assertThat(decision.reasons()).containsExactly("carol's approval is not signed",
                "bob's approval counts (1 of 1)");
        assertThat(decision.summary()).isEqualTo("released: 1 of 1 required approvals (bob) (approvals NOT VERIFIED:"
                + " 1 unsigned decision(s) accepted)");
        assertThat(decision.trust().verified()).isFalse();
    }
}
