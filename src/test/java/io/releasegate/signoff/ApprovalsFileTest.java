package io.releasegate.signoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.config.ConfigParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsFileTest {
    private static final String DIGEST = "sha256:cd34cd34cd34cd34cd34cd34cd34cd34";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldReadYamlUnderApprovals() throws Exception {
        Path file = file("approvals.yml", """
                approvals:
                  - reviewer: bob
                    name: Bob Builder
                    email: bob@example.com
                    groups: [lb-reviewers, ops]
                    decision: approve
                    comment: web-02 is back
                    time: 2026-11-24T04:00:00Z
                    digest: %s
                  - reviewer: carol
                    decision: Rejected
                    time: 2026-11-24T05:00:00+01:00
                    digest: %s
                """.formatted(DIGEST, DIGEST));

        List<Approval> approvals = ApprovalsFile.read(file);

        assertThat(approvals).containsExactly(
                new Approval("bob", Set.of("lb-reviewers", "ops"), Decision.APPROVE, "web-02 is back",
                        Instant.parse("2026-11-24T04:00:00Z"), DIGEST, "Bob Builder", "bob@example.com"),
                new Approval("carol", Set.of(), Decision.REJECT, "", Instant.parse("2026-11-24T04:00:00Z"), DIGEST));
    }

    @Test
    void shouldReadAJsonList() throws Exception {
        Path file = file("approvals.json", """
                [{"reviewer": "bob", "decision": "approve", "time": "2026-11-24T04:00:00Z",
                  "digest": "%s", "groups": "group:lb-reviewers"}]
                """.formatted(DIGEST));

        List<Approval> approvals = ApprovalsFile.read(file);

        assertThat(approvals).singleElement().satisfies(a -> assertThat(a.groups()).containsExactly("lb-reviewers"));
    }

    @Test
    void shouldReadAnEmptyFileAsNoApprovals() throws Exception {
        assertThat(ApprovalsFile.read(file("empty.yml", ""))).isEmpty();
    }

    @Test
    void shouldNameFileLineAndKeyOfABadDecision() throws Exception {
        Path file = file("approvals.yml", """
                approvals:
                  - reviewer: bob
                    time: 2026-11-24T04:00:00Z
                    digest: %s
                    decision: maybe
                """.formatted(DIGEST));

        assertThatThrownBy(() -> ApprovalsFile.read(file))
                .isInstanceOf(ConfigParseException.class)
                .hasMessage(file + ":5: approvals[0].decision: 'maybe' is neither approve nor reject");
    }

    @Test
    void shouldNameTheMissingKeyAndTheEntryLine() throws Exception {
        Path file = file("approvals.yml", """
                - reviewer: bob
                  decision: approve
                  time: 2026-11-24T04:00:00Z
                  digest: %s
                - reviewer: carol
                  decision: approve
                  digest: %s
                """.formatted(DIGEST, DIGEST));

        assertThatThrownBy(() -> ApprovalsFile.read(file))
                .isInstanceOf(ConfigParseException.class)
                .hasMessage(file + ":5: [1].time: missing; every approval needs reviewer, decision, digest and time");
    }

    @Test
    void shouldRejectUnknownKeysBadTimesAndBadDigests() throws Exception {
        Path typo = file("typo.yml", "- reviwer: bob\n");
        Path badTime = file("time.yml", "- {reviewer: bob, decision: approve, digest: %s, time: yesterday}\n"
                .formatted(DIGEST));
        Path badDigest = file("digest.yml", "- {reviewer: bob, decision: approve, digest: abc, time: x}\n");

        assertThatThrownBy(() -> ApprovalsFile.read(typo)).hasMessageStartingWith(typo + ":1: [0]: unknown key"
                + " 'reviwer'");
        assertThatThrownBy(() -> ApprovalsFile.read(badTime)).hasMessageContaining("[0].time: 'yesterday' is not"
                + " an ISO-8601 time");
        assertThatThrownBy(() -> ApprovalsFile.read(badDigest)).hasMessageContaining("[0].digest: 'abc' is not a"
                + " digest");
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirLine() throws Exception {
        Path file = file("broken.json", "[{\"reviewer\": \"bob\",,}]\n");

        assertThatThrownBy(() -> ApprovalsFile.read(file))
                .isInstanceOf(ConfigParseException.class)
                .hasMessageStartingWith(file + ":1:");
    }

    @Test
    void shouldWriteWhatItReads() throws Exception {
        List<Approval> approvals = List.of(new Approval("bob", Set.of("lb-reviewers"), Decision.APPROVE, "ok",
                Instant.parse("2026-11-24T04:00:00Z"), DIGEST, "Bob", "bob@example.com"));
        Path file = dir.resolve("written.yml");

        ApprovalsFile.write(file, approvals);

        assertThat(ApprovalsFile.read(file)).isEqualTo(approvals);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldAppendSignedDecisionsThatStillVerifyAfterTheRoundTripInYamlAndJson() throws Exception {
        // arrange
        java.security.KeyPair key = io.releasegate.signoff.sshsig.TestKeys.generate("ssh-ed25519");
        AllowedSignersSource signers = new AllowedSignersSource("allowed_signers", java.util.Optional.of(
                "bob@example.com " + io.releasegate.signoff.sshsig.TestKeys.publicLine(key) + "\n"));
        Approval signed = ApprovalSigner.of(key).sign(new Approval("bob", Set.of(), Decision.APPROVE,
                "quotes \" and: colons, a 'tick' and ünïcödé", Instant.parse("2026-12-03T12:00:00Z"), DIGEST, null,
                "bob@example.com"));

        for (String name : List.of("approvals.yml", "approvals.json")) {
            // act
            Path file = dir.resolve(name);
            int first = ApprovalsFile.append(file, signed);
            int second = ApprovalsFile.append(file, signed);
            List<Approval> read = ApprovalsFile.read(file);

            // assert
            assertThat(first).isEqualTo(1);
            assertThat(second).isEqualTo(2);
            assertThat(read).hasSize(2);
            assertThat(read.get(0).signature()).isEqualTo(signed.signature().strip());
            assertThat(ApprovalCheck.check(read, signers, false, Instant.parse("2026-12-03T12:01:00Z")).refused())
                    .isEmpty();
        }
        assertThat(Files.readString(dir.resolve("approvals.yml"))).contains("signature: |");
    }

    @Test
    void shouldRefuseUnsignedFieldsInASignedEntry() throws Exception {
        // arrange
        Path groups = file("groups.yml", """
                - reviewer: bob
                  email: bob@example.com
                  groups: [lb-reviewers]
                  decision: approve
                  time: 2026-12-03T12:00:00Z
                  digest: %s
                  signature: "-----BEGIN SSH SIGNATURE-----"
                """.formatted(DIGEST));
        Path noEmail = file("no-email.yml", """
                - reviewer: bob
                  decision: approve
                  time: 2026-12-03T12:00:00Z
                  digest: %s
                  signature: "-----BEGIN SSH SIGNATURE-----"
                """.formatted(DIGEST));

        // act / assert
        assertThatThrownBy(() -> ApprovalsFile.read(groups)).isInstanceOf(ConfigParseException.class)
                .hasMessageEndingWith("groups.yml:3: [0].groups: a signed decision cannot carry 'groups' (the"
                        + " signature does not cover it; a key's groups are group:NAME principals in allowed_signers)");
        assertThatThrownBy(() -> ApprovalsFile.read(noEmail)).hasMessageEndingWith("no-email.yml:5: [0].email:"
                + " missing; a signed decision needs the email its key is allowed for in allowed_signers");
    }

    @Test
    void shouldNeverOverwriteAnInvalidFileWhenAppending() throws Exception {
        // arrange
        Path file = file("approvals.yml", "- reviewer: bob\n  decision: maybe\n");
        Approval approval = new Approval("bob", Set.of(), Decision.APPROVE, "", Instant.now(), DIGEST);

        // act / assert
        assertThatThrownBy(() -> ApprovalsFile.append(file, approval)).isInstanceOf(ConfigParseException.class);
        assertThat(Files.readString(file)).isEqualTo("- reviewer: bob\n  decision: maybe\n");
    }
}
