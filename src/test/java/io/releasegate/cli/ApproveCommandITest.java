package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.signoff.AllowedSignersSource;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalCheck;
import io.releasegate.signoff.ApprovalStatement;
import io.releasegate.signoff.ApprovalsFile;
import io.releasegate.signoff.CheckedApprovals;
import io.releasegate.testing.SshKeygen;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code release-gate approve} against the real OpenSSH {@code ssh-keygen} 9.x: keys it makes, signatures it
 * verifies ({@code -Y verify}) and signatures it makes ({@code -Y sign}) that release-gate verifies.
 */
class ApproveCommandITest {
    private static final String DIGEST = "sha256:0f3c9a1e5b7d2c4f6a8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a";
    @TempDir
    Path dir;

    private CliRun approve(Path key, String... more) {
        List<String> args = new ArrayList<>(List.of("approve", "--digest", DIGEST, "--reviewer", "bob", "--email",
                "bob@example.com", "--comment", "web-02 is back in the pool", "--approvals",
                dir.resolve("approvals.yml").toString()));
        if (key != null) {
            args.addAll(List.of("--key", key.toString()));
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private AllowedSignersSource signers(String line) {
        return new AllowedSignersSource("allowed_signers", Optional.of(line + "\n"));
    }

    private CheckedApprovals check(String allowedSignersLine) throws Exception {
        return ApprovalCheck.check(ApprovalsFile.read(dir.resolve("approvals.yml")), signers(allowedSignersLine),
                false, Instant.now());
    }

    private static String reason(CheckedApprovals checked) {
        assertThat(checked.accepted()).isEmpty();
        return checked.refused().get(0).reason();
    }

    @ParameterizedTest
    @CsvSource({"ed25519,0,ED25519", "ecdsa,256,ECDSA", "ecdsa,384,ECDSA", "ecdsa,521,ECDSA", "rsa,2048,RSA"})
    void shouldSignADecisionThatSshKeygenVerifies(String type, int bits, String kind) throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", type, bits, "");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), "bob@example.com namespaces=\"release-gate\" "
                + SshKeygen.publicKey(key) + "\n");

        // act
        CliRun run = approve(key);
        Approval approval = ApprovalsFile.read(dir.resolve("approvals.yml")).get(0);
        Path statement = Files.writeString(dir.resolve("statement"), ApprovalStatement.text(approval));
        Path signature = Files.writeString(dir.resolve("statement.sig"), approval.signature() + "\n");
        SshKeygen.Result verified = SshKeygen.run(dir, statement, "-Y", "verify", "-f", allowed.toString(), "-I",
                "bob@example.com", "-n", "release-gate", "-s", signature.toString());

        // assert
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("bob approved " + DIGEST + " at ").contains(", signed with the " + kind
                + " key SHA256:").endsWith(" as bob@example.com; " + dir.resolve("approvals.yml") + " holds 1"
                + " decision(s)\n");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Good \"release-gate\" signature for bob@example.com with " + kind
                + " key SHA256:");
        assertThat(check(Files.readString(allowed).strip()).accepted()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"ed25519,0,sha512", "ecdsa,256,sha512", "ecdsa,521,sha256", "rsa,2048,sha512", "rsa,2048,sha256"})
    void shouldAttachAStatementSignedBySshKeygen(String type, int bits, String hash) throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", type, bits, "");
        CliRun printed = CliRun.of("approve", "--print-statement", "--digest", DIGEST, "--reviewer", "bob", "--email",
                "bob@example.com", "--decision", "reject", "--comment", "not before the sale");
        Path statement = Files.writeString(dir.resolve("statement"), printed.out());
        SshKeygen.Result signed = SshKeygen.run(dir, null, "-Y", "sign", "-n", "release-gate", "-O", "hashalg=" + hash,
                "-f", key.toString(), statement.toString());

        // act
        CliRun attached = CliRun.of("approve", "--statement", statement.toString(), "--signature",
                dir.resolve("statement.sig").toString(), "--approvals", dir.resolve("approvals.yml").toString());

        // assert
        assertThat(printed.out()).startsWith("release-gate approval v1\ndigest: " + DIGEST + "\nreviewer: bob\n"
                + "email: bob@example.com\ndecision: reject\ncomment: not before the sale\ntime: ");
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        assertThat(attached.exitCode()).as(attached.err()).isZero();
        assertThat(attached.out()).startsWith("bob rejected " + DIGEST);
        CheckedApprovals checked = check("bob@example.com " + SshKeygen.publicKey(key));
        assertThat(checked.refused()).isEmpty();
        assertThat(checked.accepted()).singleElement().extracting(Approval::comment).isEqualTo("not before the sale");
    }

    @Test
    void shouldRefuseASignatureForAnotherNamespaceWithTheReason() throws Exception {
        // arrange: ssh-keygen signs the statement as a git signature
        Path key = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        Path statement = Files.writeString(dir.resolve("statement"), CliRun.of("approve", "--print-statement",
                "--digest", DIGEST, "--reviewer", "bob", "--email", "bob@example.com").out());
        SshKeygen.run(dir, null, "-Y", "sign", "-n", "git", "-f", key.toString(), statement.toString());

        // act
        CliRun attached = CliRun.of("approve", "--statement", statement.toString(), "--signature",
                dir.resolve("statement.sig").toString(), "--approvals", dir.resolve("approvals.yml").toString());

        // assert
        assertThat(attached.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(attached.err()).isEqualTo("release-gate approve: " + dir.resolve("statement.sig") + ": it was"
                + " signed for the namespace 'git', not 'release-gate'\n");
        assertThat(dir.resolve("approvals.yml")).doesNotExist();
    }

    @Test
    void shouldRefuseAGitNamespaceSignaturePastedIntoTheApprovalsFile() throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        approve(key);
        Approval approval = ApprovalsFile.read(dir.resolve("approvals.yml")).get(0);
        Path statement = Files.writeString(dir.resolve("statement"), ApprovalStatement.text(approval));
        SshKeygen.run(dir, null, "-Y", "sign", "-n", "git", "-f", key.toString(), statement.toString());
        ApprovalsFile.write(dir.resolve("approvals.yml"), List.of(approval.withSignature(
                Files.readString(dir.resolve("statement.sig")))));

        // act
        String reason = reason(check("bob@example.com " + SshKeygen.publicKey(key)));

        // assert
        assertThat(reason).isEqualTo("bob's approval does not count: it was signed for the namespace 'git', not"
                + " 'release-gate'");
    }

    @Test
    void shouldRefuseAnotherPrincipalAndAKeyThatIsNotListedWithTheReason() throws Exception {
        // arrange
        Path bob = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        Path alice = SshKeygen.key(dir, "alice", "ecdsa", 256, "");
        approve(bob);

        // act
        String wrongPrincipal = reason(check("alice@example.com " + SshKeygen.publicKey(bob)));
        String notListed = reason(check("bob@example.com " + SshKeygen.publicKey(alice)));

        // assert
        assertThat(wrongPrincipal).startsWith("bob's approval does not count: allowed_signers allows the ED25519 key"
                + " SHA256:").endsWith(" for alice@example.com, not for bob@example.com");
        assertThat(notListed).startsWith("bob's approval does not count: the ED25519 key SHA256:")
                .endsWith(" is not in allowed_signers");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "comment: \"web-02 is back in the pool\"|comment: \"web-02 may go\"",
        "decision: \"approve\"|decision: \"reject\"",
        "time: \"|time: \"2001-",
        "digest: \"sha256:0f3c|digest: \"sha256:1f3c",
        "reviewer: \"bob\"|reviewer: \"bob@example.com\""})
    void shouldVoidADecisionWhoseSignedFieldWasEditedInTheFile(String from, String to) throws Exception {
        // arrange
        Path key = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        approve(key);
        Path file = dir.resolve("approvals.yml");
        String text = Files.readString(file);
        String edited = from.startsWith("time") ? text.replaceFirst("time: \"\\d{4}-", to) : text.replace(from, to);
        Files.writeString(file, edited);

        // act
        String reason = reason(check("bob@example.com " + SshKeygen.publicKey(key)));

        // assert
        assertThat(edited).isNotEqualTo(text);
        assertThat(reason).contains("does not count: the signature by the ED25519 key SHA256:").endsWith("does not"
                + " match the decision: a signed field (digest, reviewer, email, decision, comment or time) was changed"
                + " after it was signed");
    }

    @Test
    void shouldRefuseAnEncryptedKeyWithoutItsPassphraseAndNeverWriteTheFile() {
        // arrange
        Path key = SshKeygen.key(dir, "bob", "ed25519", 0, "correct horse");

        // act
        CliRun withoutPassphrase = approve(key);
        CliRun unsetVariable = approve(key, "--passphrase-env", "RELEASE_GATE_TEST_NO_SUCH_VARIABLE");
        CliRun publicHalf = approve(Path.of(key + ".pub"));

        // assert
        assertThat(withoutPassphrase.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withoutPassphrase.err()).isEqualTo("release-gate approve: " + key + ": the key is encrypted; give"
                + " its passphrase in an environment variable (--passphrase-env NAME), or sign with ssh-keygen -Y sign"
                + " (which can use ssh-agent) and attach the signature with --signature\n");
        assertThat(unsetVariable.err()).isEqualTo("release-gate approve: --passphrase-env"
                + " RELEASE_GATE_TEST_NO_SUCH_VARIABLE: the environment variable is not set\n");
        assertThat(publicHalf.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(publicHalf.err()).contains("not a private key file");
        assertThat(dir.resolve("approvals.yml")).doesNotExist();
    }

    @Test
    void shouldReadThePassphraseFromTheNamedEnvironmentVariable() throws Exception {
        // arrange: a real process, since the variable must be in its environment
        Path key = SshKeygen.key(dir, "bob", "ecdsa", 384, "correct horse");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "approve", "--digest", DIGEST, "--reviewer", "bob", "--email", "bob@example.com",
                "--key", key.toString(), "--passphrase-env", "BOB_KEY_PASSPHRASE", "--approvals",
                dir.resolve("approvals.yml").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("BOB_KEY_PASSPHRASE", "correct horse");

        // act
        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }

        // assert
        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(check("bob@example.com " + SshKeygen.publicKey(key)).accepted()).hasSize(1);
        assertThat(Files.readString(dir.resolve("approvals.yml"), StandardCharsets.UTF_8)).doesNotContain("correct");
    }

    @Test
    void shouldRefuseBadOptionsWithOneLineAndExitTwo() {
        // act
        CliRun noMode = CliRun.of("approve", "--digest", DIGEST, "--reviewer", "bob", "--email", "b@example.com",
                "--approvals", dir.resolve("a.yml").toString());
        CliRun badDigest = CliRun.of("approve", "--print-statement", "--digest", "0f3c", "--reviewer", "bob",
                "--email", "b@example.com");
        CliRun noEmail = CliRun.of("approve", "--print-statement", "--digest", DIGEST, "--reviewer", "bob");
        CliRun badDecision = CliRun.of("approve", "--print-statement", "--digest", DIGEST, "--reviewer", "bob",
                "--email", "b@example.com", "--decision", "maybe");

        // assert
        assertThat(List.of(noMode, badDigest, noEmail, badDecision)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err().lines()).hasSize(1);
        });
        assertThat(noMode.err()).contains("give one of --key PRIVATE_KEY, --print-statement, or --statement FILE with"
                + " --signature FILE");
        assertThat(badDigest.err()).contains("--digest '0f3c' is not a digest like sha256:<hex>");
        assertThat(noEmail.err()).contains("--email MAIL is required");
        assertThat(badDecision.err()).contains("--decision 'maybe' is neither approve nor reject");
        assertThat(new File(dir.toFile(), "a.yml")).doesNotExist();
    }
}
