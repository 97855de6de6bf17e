package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.testing.ScenarioRepo;
import io.releasegate.testing.SshKeygen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An author cannot approve their own change by signing under another name their key may use: a decision counts only
 * when no line of {@code allowed_signers} at base lets its key sign as an author (the real {@code ssh-keygen -Y sign}
 * makes the signatures, the real CLI judges them).
 */
class AuthorsKeyRunITest {
    @TempDir
    Path dir;
    private Path repo;
    private Path aliceKey;
    private Path bobKey;
    private String base;
    private String head;
    private String digest;

    @BeforeEach
    void commit() throws Exception {
        aliceKey = SshKeygen.key(dir, "alice", "ed25519", 0, "");
        bobKey = SshKeygen.key(dir, "bob", "ecdsa", 256, "");
        String config = ScenarioRepo.fixture("haproxy/valid/incident-before.cfg");
        try (ScenarioRepo scenario = ScenarioRepo.init(dir.resolve("repo"))) {
            scenario.write("haproxy.cfg", config).write(".releasegate.yml", """
                    review:
                      threshold: LOW
                      approvals: {LOW: 1, MEDIUM: 1, HIGH: 1, CRITICAL: 1}
                      reviewers: [bob, group:lb-reviewers]
                    verify:
                      lb: http://127.0.0.1:9/
                      pool: web
                    """)
                    // alice's one key speaks for her work address, her other address and the reviewers' group
                    .write(".releasegate/allowed_signers", "alice@example.com,al@other.org,group:lb-reviewers "
                            + SshKeygen.publicKey(aliceKey) + "\nbob@example.com " + SshKeygen.publicKey(bobKey)
                            + "\n");
            base = scenario.commit("pool and reviewers' keys");
            head = scenario.write("haproxy.cfg", config.replace("    server web-02 127.0.0.1:8082 check\n", ""))
                    .commit("take web-02 out", "Alice Liddell", "alice@example.com");
            repo = scenario.root();
        }
        digest = ChangeAssessment.assess(repo, base, head, Optional.empty(), false, new BufferedLog()).digest();
    }

    /** Signs a decision the way a reviewer with ssh-agent does: print the statement, ssh-keygen signs, attach. */
    private CliRun approveWithSshKeygen(Path key, String reviewer, String email) throws Exception {
        CliRun printed = CliRun.of("approve", "--print-statement", "--digest", digest, "--reviewer", reviewer,
                "--email", email, "--comment", "fine by me");
        Path statement = Files.writeString(dir.resolve("statement-" + reviewer), printed.out());
        SshKeygen.Result signed = SshKeygen.run(dir, null, "-Y", "sign", "-n", "release-gate", "-f", key.toString(),
                statement.toString());
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        return CliRun.of("approve", "--statement", statement.toString(), "--signature", statement + ".sig",
                "--approvals", dir.resolve("approvals.yml").toString());
    }

    private CliRun run() {
        return CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy", "touch "
                + dir.resolve("deployed"), "--approvals", dir.resolve("approvals.yml").toString());
    }

    @Test
    void shouldNotCountTheAuthorsSignatureUnderHerOtherAddress() throws Exception {
        // arrange: alice wrote the change and signs as "al" <al@other.org>, a principal of her own key
        CliRun approved = approveWithSshKeygen(aliceKey, "al", "al@other.org");

        // act
        CliRun run = run();

        // assert
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).startsWith("release-gate run repo: BLOCKED (exit 1)")
                .contains("al's approval does not count: the ED25519 key SHA256:")
                .contains(" that signed it may also sign as alice@example.com (.releasegate/allowed_signers at base "
                        + base.substring(0, 12) + ":1), an author of the commits under review (Alice Liddell"
                        + " <alice@example.com>): a key speaks for one person, and an author may not approve")
                .contains("1 more needed from bob, group:lb-reviewers");
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void shouldStillReleaseWithTheSignatureOfAReviewerWhoIsNotTheAuthor() throws Exception {
        // arrange
        approveWithSshKeygen(bobKey, "bob", "bob@example.com");

        // act
        CliRun run = run();

        // assert: released and deployed (the verification then fails: nothing listens on the policy's lb)
        assertThat(run.out()).contains("Sign-off: released: 1 of 1 required approvals (bob)");
        assertThat(dir.resolve("deployed")).exists();
    }
}
