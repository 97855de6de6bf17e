package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalsFile;
import io.releasegate.signoff.Decision;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.ScenarioRepo;
import io.releasegate.testing.SshKeygen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-gate run} with signed approvals on a real git repository: the reviewers' keys come from
 * {@code .releasegate/allowed_signers} at the base revision, never from the change under review.
 */
class SignedApprovalsRunITest {
    /** What the diff warns of, first, because the change also edits the allowed signers. */
    private static final String EDITS_SIGNERS = "release-gate: warning: the change edits .releasegate/allowed_signers"
            + " (2 change(s)): who may sign approvals is itself reviewed\n";
    private HttpBackend web1;
    private HttpBackend web2;
    private EmbeddedBalancer lb;
    @TempDir
    Path dir;
    private Path repo;
    private Path bobKey;
    private Path malloryKey;
    private String base;
    private String head;
    private String digest;

    @BeforeEach
    void start() throws Exception {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        lb = EmbeddedBalancer.start(0, "web");
        bobKey = SshKeygen.key(dir, "bob", "ed25519", 0, "");
        malloryKey = SshKeygen.key(dir, "mallory", "ecdsa", 256, "");
        String config = "backend web\n    balance roundrobin\n    timeout server 10s\n    server web-01 "
                + web1.address() + "\n    server web-02 " + web2.address() + "\n";
        lb.apply("haproxy.cfg", config);
        try (ScenarioRepo scenario = ScenarioRepo.init(dir.resolve("repo"))) {
            scenario.write("haproxy.cfg", config).write(".releasegate.yml", """
                    review:
                      threshold: LOW
                      approvals: {LOW: 1, MEDIUM: 1, HIGH: 1, CRITICAL: 1}
                      reviewers: [bob, carol]
                    verify:
                      lb: %s
                      pool: web
                      rate: 200
                      deadline: 10s
                    """.formatted(lb.url()))
                    .write(".releasegate/allowed_signers", "# reviewers of the load balancers\nbob@example.com "
                            + SshKeygen.publicKey(bobKey) + "\n");
            base = scenario.commit("pool and reviewers' keys");
            // the change also lists mallory's key for bob's address: it must not judge itself
            scenario.write("haproxy.cfg", config.replace("timeout server 10s", "timeout server 20s"))
                    .write(".releasegate/allowed_signers", "bob@example.com " + SshKeygen.publicKey(malloryKey) + "\n");
            head = scenario.commit("longer server timeout", "Mallory", "mallory@example.com");
            repo = scenario.root();
        }
        digest = ChangeAssessment.assess(repo, base, head, Optional.empty(), false, new BufferedLog()).digest();
    }

    @AfterEach
    void stop() {
        lb.close();
        web1.close();
        web2.close();
    }

    private CliRun approve(Path key) {
        return CliRun.of("approve", "--digest", digest, "--reviewer", "bob", "--email", "bob@example.com", "--key",
                key.toString(), "--comment", "longer timeout is fine", "--approvals",
                dir.resolve("approvals.yml").toString());
    }

    private CliRun run(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--repo", repo.toString(), "--base", base,
                "--head", head, "--deploy", "touch " + dir.resolve("deployed"), "--approvals",
                dir.resolve("approvals.yml").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void shouldReleaseADecisionSignedWithAKeyListedAtTheBaseRevision() {
        // arrange
        CliRun approved = approve(bobKey);

        // act
        CliRun run = run();

        // assert
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Sign-off: released: 1 of 1 required approvals (bob)\n"
                + "  approvals verified against .releasegate/allowed_signers at base " + base.substring(0, 12)
                + ": 1 signed decision(s) accepted\n");
        assertThat(dir.resolve("deployed")).exists();
    }

    @Test
    void shouldIgnoreAKeyThatTheChangeUnderReviewAddsEvenInTheWorkTree() throws Exception {
        // arrange: mallory signs as bob with the key her own commit lists (also checked out in the work tree)
        approve(malloryKey);

        // act
        CliRun run = run();

        // assert
        assertThat(Files.readString(repo.resolve(".releasegate/allowed_signers"))).contains("ecdsa-sha2-nistp256");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).startsWith("release-gate run repo: BLOCKED (exit 1)")
                .contains("bob's approval does not count: the ECDSA key SHA256:")
                .contains(" is not in .releasegate/allowed_signers at base " + base.substring(0, 12));
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void shouldRefuseUnsignedDecisionsUnlessTheOperatorAllowsThemAndThenSaySoInText() throws Exception {
        // arrange
        ApprovalsFile.write(dir.resolve("approvals.yml"), List.of(new Approval("bob", Set.of(), Decision.APPROVE,
                "fine", Instant.now(), digest)));

        // act
        CliRun refused = run();
        CliRun allowed = run("--allow-unsigned-approvals");

        // assert
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(refused.out()).contains("bob's approval is not signed, so it does not count");
        assertThat(allowed.exitCode()).as(allowed.out()).isZero();
        assertThat(allowed.out()).contains("Sign-off: released: 1 of 1 required approvals (bob) (approvals NOT"
                + " VERIFIED: 1 unsigned decision(s) accepted because of --allow-unsigned-approvals, so whoever can"
                + " write the approvals file can approve)\n  approvals NOT VERIFIED:");
    }

    @Test
    void shouldUseTheOperatorsAllowedSignersFileAndNameTheLineOfAMistake() throws Exception {
        // arrange
        approve(bobKey);
        Path operators = Files.writeString(dir.resolve("operators_signers"), "bob@example.com "
                + SshKeygen.publicKey(bobKey) + "\n");
        Path broken = Files.writeString(dir.resolve("broken_signers"), "bob@example.com ssh-ed25519\n");

        // act
        CliRun released = run("--allowed-signers", operators.toString());
        CliRun invalid = run("--allowed-signers", broken.toString());
        CliRun missing = run("--allowed-signers", dir.resolve("nowhere").toString());

        // assert
        assertThat(released.exitCode()).as(released.out()).isZero();
        assertThat(released.out()).contains("approvals verified against " + operators + ": 1 signed decision(s) accepted");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        // the change edits .releasegate/allowed_signers (mallory's key for bob): the diff says so before the error
        assertThat(invalid.err()).isEqualTo(EDITS_SIGNERS + "release-gate run: invalid allowed signers " + broken
                + ":1: the ssh-ed25519 key has no base64 data\n");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).isEqualTo(EDITS_SIGNERS + "release-gate run: allowed signers file not found: "
                + dir.resolve("nowhere") + "\n");
    }
}
