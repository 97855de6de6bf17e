package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import io.releasegate.testing.SshKeygen;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allowed signers file decides who may sign approvals once a change is the base, so a commit that only edits it
 * is itself a change that needs review; fingerprints agree with the real {@code ssh-keygen -l}.
 */
class AllowedSignersChangeITest {
    @TempDir
    Path dir;

    @Test
    void shouldRequireReviewForACommitThatOnlyAddsASigningKey() throws Exception {
        Path bob = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        Path mallory = SshKeygen.key(dir, "mallory", "ed25519", 0, "");
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate/allowed_signers", "# reviewers\nbob@example.com "
                    + SshKeygen.publicKey(bob) + "\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool and signers");
            String head = repo.write(".releasegate/allowed_signers", "bob@example.com " + SshKeygen.publicKey(bob)
                    + "\n\nmallory@example.com " + SshKeygen.publicKey(mallory) + "\n").commit("one more reviewer");

            DiffCommandTest.Run run = DiffCommandTest.run("diff", "--repo", repo.root().toString(), "--base", base,
                    "--head", head);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("risk CRITICAL, review required")
                    .contains("CRITICAL POLICY_CHANGED")
                    .contains("allowed signers: key ssh-ed25519 " + fingerprint(mallory)
                            + " added for mallory@example.com.")
                    .doesNotContain(fingerprint(bob));
        }
    }

    @Test
    void shouldReportAKeyThatNowSignsForSomeoneElseAndARemovedKey() throws Exception {
        Path bob = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        Path carol = SshKeygen.key(dir, "carol", "ecdsa", 256, "");
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate/allowed_signers", "bob@example.com " + SshKeygen.publicKey(bob)
                    + "\ncarol@example.com " + SshKeygen.publicKey(carol) + "\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool and signers");
            String head = repo.write(".releasegate/allowed_signers", "bob@example.com,mallory@example.com "
                    + "namespaces=\"release-gate\" " + SshKeygen.publicKey(bob) + "\n").commit("reshuffle");

            DiffCommandTest.Run run = DiffCommandTest.run("diff", "--repo", repo.root().toString(), "--base", base,
                    "--head", head);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("allowed signers: key ssh-ed25519 " + fingerprint(bob)
                    + " now signs for bob@example.com,mallory@example.com (namespaces=\"release-gate\") instead of"
                    + " bob@example.com.")
                    .contains("allowed signers: key ecdsa-sha2-nistp256 " + fingerprint(carol)
                            + " of carol@example.com removed.");
        }
    }

    @Test
    void shouldSeeNoChangeWhenOnlyCommentsBlanksAndOrderChange() throws Exception {
        Path bob = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        Path carol = SshKeygen.key(dir, "carol", "ed25519", 0, "");
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate/allowed_signers", "bob@example.com " + SshKeygen.publicKey(bob)
                    + "\ncarol@example.com " + SshKeygen.publicKey(carol) + "\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool and signers");
            String head = repo.write(".releasegate/allowed_signers", "# the reviewers\n\ncarol@example.com   "
                    + SshKeygen.publicKey(carol) + "\nbob@example.com\t" + SshKeygen.publicKey(bob) + "\n")
                    .commit("tidy");

            DiffCommandTest.Run run = DiffCommandTest.run("diff", "--repo", repo.root().toString(), "--base", base,
                    "--head", head);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).doesNotContain("POLICY_CHANGED");
        }
    }

    /** {@code SHA256:...} as the real {@code ssh-keygen -l} prints it. */
    private String fingerprint(Path key) {
        SshKeygen.Result result = SshKeygen.run(dir, null, "-l", "-E", "sha256", "-f", key + ".pub");
        assertThat(result.exitCode()).isZero();
        return result.output().split(" ")[1];
    }
}
