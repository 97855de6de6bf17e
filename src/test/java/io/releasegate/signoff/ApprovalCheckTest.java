package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.signoff.sshsig.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ApprovalCheckTest {
    private static final String DIGEST = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final KeyPair BOB = TestKeys.generate("ssh-ed25519");
    private static final KeyPair MALLORY = TestKeys.generate("ecdsa-sha2-nistp256");
    private static final AllowedSignersSource SIGNERS = new AllowedSignersSource("allowed_signers", Optional.of(
            "bob@example.com,group:lb-reviewers " + TestKeys.publicLine(BOB) + "\n"
                    + "mallory@example.com " + TestKeys.publicLine(MALLORY) + "\n"));

    private static Approval decision(String reviewer, String email) {
        return new Approval(reviewer, Set.of(), Decision.APPROVE, "web-02 is back", NOW.minusSeconds(60), DIGEST,
                null, email);
    }

    private static Approval signed(Approval approval, KeyPair key) throws Exception {
        return ApprovalSigner.of(key).sign(approval);
    }

    private static String fingerprint(KeyPair key) throws Exception {
        return io.releasegate.signoff.sshsig.SshPublicKey.of(key.getPublic()).fingerprint();
    }

    private static CheckedApprovals check(Approval... approvals) throws ConfigParseException {
        return ApprovalCheck.check(List.of(approvals), SIGNERS, false, NOW);
    }

    @Test
    void shouldAcceptADecisionSignedByAKeyAllowedForItsEmailWithTheGroupsOfItsLine() throws Exception {
        // arrange
        Approval approval = signed(decision("bob", "bob@example.com"), BOB);

        // act
        CheckedApprovals checked = check(approval);

        // assert
        assertThat(checked.refused()).isEmpty();
        assertThat(checked.accepted()).singleElement().satisfies(accepted -> {
            assertThat(accepted.reviewer()).isEqualTo("bob");
            assertThat(accepted.groups()).containsExactly("lb-reviewers");
        });
        assertThat(checked.trust()).isEqualTo(new ApprovalTrust(true, "approvals verified against allowed_signers: 1"
                + " signed decision(s) accepted"));
    }

    @Test
    void shouldVoidTheDecisionWhenAnySignedFieldIsChanged() throws Exception {
        // arrange
        Approval original = signed(decision("bob", "bob@example.com"), BOB);
        List<UnaryOperator<Approval>> tampering = List.of(
                a -> new Approval(a.reviewer(), a.groups(), a.decision(), a.comment(), a.time(),
                        "sha256:ab12ab12ab12ab12ab12ab12ab12ab12", null, a.email(), a.signature()),
                a -> new Approval("bob@example.com", a.groups(), a.decision(), a.comment(), a.time(), a.digest(),
                        null, a.email(), a.signature()),
                a -> new Approval(a.reviewer(), a.groups(), a.decision(), a.comment(), a.time(), a.digest(), null,
                        "bob@example.org", a.signature()),
                a -> new Approval(a.reviewer(), a.groups(), Decision.REJECT, a.comment(), a.time(), a.digest(), null,
                        a.email(), a.signature()),
                a -> new Approval(a.reviewer(), a.groups(), a.decision(), "web-02 may go", a.time(), a.digest(), null,
                        a.email(), a.signature()),
                a -> new Approval(a.reviewer(), a.groups(), a.decision(), a.comment(), a.time().plusSeconds(1),
                        a.digest(), null, a.email(), a.signature()));

        for (UnaryOperator<Approval> tamper : tampering) {
            // act
            CheckedApprovals checked = check(tamper.apply(original));

            // assert
            assertThat(checked.accepted()).isEmpty();
            assertThat(checked.refused()).singleElement().extracting(SignOffDecision.Outcome::reason).asString()
                    .contains("does not count: the signature by the ED25519 key")
                    .endsWith("does not match the decision: a signed field (digest, reviewer, email, decision,"
                            + " comment or time) was changed after it was signed");
        }
    }

    @Test
    void shouldRefuseAnotherEmailEvenWithAValidSignatureFromAnAllowedKey() throws Exception {
        // arrange: mallory signs honestly, but as bob@example.com
        Approval approval = signed(decision("bob", "bob@example.com"), MALLORY);

        // act
        CheckedApprovals checked = check(approval);

        // assert
        assertThat(checked.accepted()).isEmpty();
        assertThat(checked.refused().get(0).reason()).isEqualTo("bob's approval does not count: allowed_signers"
                + " allows the ECDSA key " + ApprovalSigner.of(MALLORY).describeKey().substring("ECDSA key ".length())
                + " for mallory@example.com, not for bob@example.com");
    }

    @Test
    void shouldRefuseAReviewerIdThatTheSigningEmailDoesNotStandFor() throws Exception {
        // arrange: mallory signs with her own email but claims to be the reviewer bob
        Approval approval = signed(decision("bob", "mallory@example.com"), MALLORY);

        // act
        CheckedApprovals checked = check(approval);

        // assert
        assertThat(checked.accepted()).isEmpty();
        assertThat(checked.refused().get(0).reason()).startsWith("bob's approval does not count: the reviewer id"
                + " 'bob' is not mallory@example.com, its local part, or a principal of allowed_signers:2");
    }

    @Test
    void shouldRefuseAKeyThatIsNotListed() throws Exception {
        // arrange
        KeyPair stranger = TestKeys.generate("ecdsa-sha2-nistp384");
        Approval approval = signed(decision("bob", "bob@example.com"), stranger);

        // act
        CheckedApprovals checked = check(approval);

        // assert
        assertThat(checked.refused().get(0).reason()).isEqualTo("bob's approval does not count: the "
                + ApprovalSigner.of(stranger).describeKey() + " is not in allowed_signers");
    }

    @Test
    void shouldLetOneKeySpeakForOneReviewerOnly() throws Exception {
        // arrange: bob's key is allowed for bob@example.com; he signs once as bob and once as bob@example.com
        Approval first = signed(decision("bob", "bob@example.com"), BOB);
        Approval second = signed(new Approval("bob@example.com", Set.of(), Decision.APPROVE, "", NOW, DIGEST, null,
                "bob@example.com"), BOB);

        // act
        CheckedApprovals checked = check(second, first);

        // assert
        assertThat(checked.accepted()).extracting(Approval::reviewer).containsExactly("bob");
        assertThat(checked.refused().get(0).reason()).contains("the same key already signed for bob; one key speaks"
                + " for one reviewer");
    }

    @Test
    void shouldRefuseUnsignedDecisionsUnlessTheOperatorAllowsThemAndThenSaySo() throws Exception {
        // arrange
        Approval unsigned = decision("bob", null);

        // act
        CheckedApprovals refused = check(unsigned);
        CheckedApprovals allowed = ApprovalCheck.check(List.of(unsigned), SIGNERS, true, NOW);

        // assert
        assertThat(refused.accepted()).isEmpty();
        assertThat(refused.refused().get(0).reason()).isEqualTo("bob's approval is not signed, so it does not count:"
                + " sign decisions with `release-gate approve` (only the operator's --allow-unsigned-approvals"
                + " accepts unsigned ones)");
        assertThat(allowed.accepted()).containsExactly(unsigned);
        assertThat(allowed.trust().verified()).isFalse();
        assertThat(allowed.trust().summary()).isEqualTo("approvals NOT VERIFIED: 1 unsigned decision(s) accepted"
                + " because of --allow-unsigned-approvals, so whoever can write the approvals file can approve");
    }

    @Test
    void shouldStillRefuseABadSignatureWhenUnsignedDecisionsAreAllowed() throws Exception {
        // arrange
        Approval approval = signed(decision("bob", "bob@example.com"), BOB);
        Approval tampered = new Approval("bob", Set.of(), Decision.APPROVE, "changed", approval.time(), DIGEST, null,
                "bob@example.com", approval.signature());

        // act
        CheckedApprovals checked = ApprovalCheck.check(List.of(tampered), SIGNERS, true, NOW);

        // assert
        assertThat(checked.accepted()).isEmpty();
        assertThat(checked.refused()).hasSize(1);
    }

    @Test
    void shouldRefuseSignedDecisionsWhenThereIsNoAllowedSignersFile() throws Exception {
        // arrange
        Approval approval = signed(decision("bob", "bob@example.com"), BOB);
        AllowedSignersSource none = new AllowedSignersSource(".releasegate/allowed_signers at base 0123456789ab",
                Optional.empty());

        // act
        CheckedApprovals checked = ApprovalCheck.check(List.of(approval), none, false, NOW);

        // assert
        assertThat(checked.refused().get(0).reason()).isEqualTo("bob's approval does not count: its signature cannot"
                + " be checked because .releasegate/allowed_signers at base 0123456789ab does not exist (the operator"
                + " may give --allowed-signers FILE)");
    }

    @Test
    void shouldCheckTheKeysValidityAtTheDecisionsTimeAndNow() throws Exception {
        // arrange: bob's key expired yesterday; his decision is dated before that
        AllowedSignersSource expired = new AllowedSignersSource("allowed_signers", Optional.of(
                "bob@example.com valid-before=\"20261202Z\" " + TestKeys.publicLine(BOB) + "\n"));
        Approval approval = signed(new Approval("bob", Set.of(), Decision.APPROVE, "", NOW.minus(Duration.ofDays(2)),
                DIGEST, null, "bob@example.com"), BOB);

        // act
        CheckedApprovals checked = ApprovalCheck.check(List.of(approval), expired, false, NOW);

        // assert
        assertThat(checked.refused().get(0).reason()).contains("expired at 2026-12-02T00:00:00Z (valid-before),"
                + " before 2026-12-03T12:00:00Z");
    }

    @Test
    void shouldRefuseADecisionSignedByAKeyThatMayAlsoSignAsAnAuthor() throws Exception {
        // arrange: alice's key speaks for two addresses; a team key for everyone at example.com; alice wrote the change
        KeyPair alice = TestKeys.generate("ssh-ed25519");
        KeyPair team = TestKeys.generate("ssh-ed25519");
        AllowedSignersSource signers = new AllowedSignersSource("allowed_signers", Optional.of(
                "bob@example.com " + TestKeys.publicLine(BOB) + "\n"
                        + "alice@example.com,al@other.org,group:lb-reviewers " + TestKeys.publicLine(alice) + "\n"
                        + "*@example.com " + TestKeys.publicLine(team) + "\n"));
        ChangeUnderReview change = new ChangeUnderReview(DIGEST, List.of(new io.releasegate.diff.Author(
                "Alice Liddell", "Alice@Example.com")), null);
        Approval asHerOtherAddress = signed(decision("al", "al@other.org"), alice);
        Approval withTheTeamKey = signed(decision("carol", "carol@example.com"), team);
        Approval byBob = signed(decision("bob", "bob@example.com"), BOB);

        // act
        CheckedApprovals checked = ApprovalCheck.check(List.of(asHerOtherAddress, withTheTeamKey, byBob), signers,
                false, change, NOW);

        // assert
        assertThat(checked.accepted()).extracting(Approval::reviewer).containsExactly("bob");
        assertThat(checked.refused()).extracting(SignOffDecision.Outcome::reason).containsExactly(
                "al's approval does not count: the ED25519 key " + fingerprint(alice) + " that signed it may also sign"
                        + " as Alice@Example.com (allowed_signers:2), an author of the commits under review (Alice"
                        + " Liddell <Alice@Example.com>): a key speaks for one person, and an author may not approve",
                "carol's approval does not count: the ED25519 key " + fingerprint(team) + " that signed it may also"
                        + " sign as Alice@Example.com (allowed_signers:3), an author of the commits under review (Alice"
                        + " Liddell <Alice@Example.com>): a key speaks for one person, and an author may not approve");
    }

    @Test
    void shouldRefuseALocalPartAsReviewerIdWhenTwoAddressesShareIt() throws Exception {
        // arrange: a contractor's key for bob@contractor.example signs as "bob", the policy's bob of example.com
        KeyPair contractor = TestKeys.generate("ssh-ed25519");
        AllowedSignersSource signers = new AllowedSignersSource("allowed_signers", Optional.of(
                "bob@example.com " + TestKeys.publicLine(BOB) + "\n"
                        + "bob@contractor.example " + TestKeys.publicLine(contractor) + "\n"));
        Approval asBob = signed(decision("bob", "bob@contractor.example"), contractor);
        Approval byEmail = signed(decision("bob@contractor.example", "bob@contractor.example"), contractor);
        Approval realBob = signed(decision("bob", "bob@example.com"), BOB);

        // act
        CheckedApprovals checked = ApprovalCheck.check(List.of(asBob, byEmail, realBob), signers, false, NOW);

        // assert: "bob" names neither of them now; an email does
        assertThat(checked.refused()).extracting(SignOffDecision.Outcome::reason).containsExactlyInAnyOrder(
                "bob's approval does not count: the reviewer id 'bob' is ambiguous: allowed_signers lists both"
                        + " bob@contractor.example and bob@example.com; sign with the email as reviewer id, or name"
                        + " the reviewer by email in the policy",
                "bob's approval does not count: the reviewer id 'bob' is ambiguous: allowed_signers lists both"
                        + " bob@example.com and bob@contractor.example; sign with the email as reviewer id, or name"
                        + " the reviewer by email in the policy");
        assertThat(checked.accepted()).extracting(Approval::reviewer).containsExactly("bob@contractor.example");
    }

    @Test
    void shouldNameTheLineOfAnInvalidAllowedSignersFile() {
        // arrange
        AllowedSignersSource broken = new AllowedSignersSource("allowed_signers", Optional.of("# keys\nbob\n"));

        // act / assert
        assertThatThrownBy(() -> ApprovalCheck.check(List.of(decision("bob", null)), broken, false, NOW))
                .isInstanceOf(ConfigParseException.class).hasMessage("allowed_signers:2: missing key (expected:"
                        + " principals [options] keytype base64)");
    }
}
