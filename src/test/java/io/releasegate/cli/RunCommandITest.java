package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.drill.EmbeddedBalancer;
import io.releasegate.log.BufferedLog;
import io.releasegate.policy.ChangeAssessment;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalsFile;
import io.releasegate.signoff.Decision;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.ScenarioRepo;
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

/** {@code release-gate run} from the command line: exit codes, what a blocked run prints, the report files. */
class RunCommandITest {
    private HttpBackend web1;
    private HttpBackend web2;
    private EmbeddedBalancer lb;
    @TempDir
    Path dir;
    private Path repo;
    private String base;
    private String head;

    @BeforeEach
    void start() throws Exception {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        lb = EmbeddedBalancer.start(0, "web");
        String config = "backend web\n    balance roundrobin\n    timeout server 10s\n    server web-01 "
                + web1.address() + "\n    server web-02 " + web2.address() + "\n";
        lb.apply("haproxy.cfg", config);
        try (ScenarioRepo scenario = ScenarioRepo.init(dir.resolve("repo"))) {
            scenario.write("haproxy.cfg", config).write(".releasegate.yml", """
                    review:
                      threshold: LOW
                      approvals: {LOW: 1, MEDIUM: 1, HIGH: 1, CRITICAL: 1}
                      reviewers: [alice, group:lb-reviewers]
                    verify:
                      lb: %s
                      pool: web
                      rate: 200
                      deadline: 10s
                    """.formatted(lb.url()));
            base = scenario.commit("pool");
            scenario.write("haproxy.cfg", config.replace("timeout server 10s", "timeout server 20s"));
            head = scenario.commit("longer server timeout");
            repo = scenario.root();
        }
    }

    @AfterEach
    void stop() {
        lb.close();
        web1.close();
        web2.close();
    }

    @Test
    void shouldStopBeforeTheDeployAndPrintWhoMayStillApprove() {
        // arrange
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker);

        // assert
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).startsWith("release-gate run repo: BLOCKED (exit 1)")
                .contains("pending: 0 of 1 required approvals; 1 more needed from alice, group:lb-reviewers")
                .contains("missing: 1 more approval(s) of digest sha256:").contains(" from alice, group:lb-reviewers");
        assertThat(marker).doesNotExist();
    }

    @Test
    void shouldDeployVerifyAndWriteEveryReportWhenTheApprovalsReleaseTheDigest() throws Exception {
        // arrange
        String digest = ChangeAssessment.assess(repo, base, head, Optional.empty(), false, new BufferedLog()).digest();
        Path approvals = dir.resolve("approvals.yml");
        ApprovalsFile.write(approvals, List.of(new Approval("bob", Set.of("lb-reviewers"), Decision.APPROVE,
                "fine", Instant.now(), digest)));
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "echo '<script>alert(1)</script>'; echo \"$RELEASE_GATE_HEAD $RELEASE_GATE_POOL\" > " + marker, "--approvals", approvals.toString(),
                "--format", "json", "--junit", dir.resolve("gate.xml").toString(), "--html",
                dir.resolve("gate.html").toString(), "--gate", "shop", "--allow-unsigned-approvals");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("outcome").asText()).isEqualTo("RELEASED");
        assertThat(json.at("/signOff/approvedBy/0").asText()).isEqualTo("bob");
        assertThat(json.at("/signOff/approvalsVerified").asBoolean()).isFalse();
        assertThat(json.at("/signOff/approvals").asText()).isEqualTo("approvals NOT VERIFIED: 1 unsigned decision(s)"
                + " accepted because of --allow-unsigned-approvals, so whoever can write the approvals file can"
                + " approve");
        assertThat(Files.readString(dir.resolve("gate.xml"))).contains("approvals NOT VERIFIED");
        assertThat(Files.readString(dir.resolve("gate.html"))).contains("approvals NOT VERIFIED");
        assertThat(json.at("/verification/verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("timeline")).extracting(step -> step.get("step").asText())
                .containsExactly("diff", "sign-off", "deploy", "verify");
        assertThat(Files.readString(marker).strip()).isEqualTo(head + " web");
        assertThat(Files.readString(dir.resolve("gate.xml"))).contains("<testsuite name=\"gate.shop\" tests=\"4\" "
                + "failures=\"0\"");
        assertThat(json.at("/deploy/output").asText()).contains("<script>alert(1)</script>");
        assertThat(Files.readString(dir.resolve("gate.html"))).contains("<svg").contains("approved by bob (fine)")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    }

    @Test
    void shouldNotDeployAWorkTreeThatIsNotTheReviewedHead() throws Exception {
        // arrange: approved head, then the work tree is edited after the checkout (a pipeline step, by hand)
        String digest = ChangeAssessment.assess(repo, base, head, Optional.empty(), false, new BufferedLog()).digest();
        Path approvals = dir.resolve("approvals.yml");
        ApprovalsFile.write(approvals, List.of(new Approval("bob", Set.of("lb-reviewers"), Decision.APPROVE,
                "fine", Instant.now(), digest)));
        Files.writeString(repo.resolve("haproxy.cfg"), Files.readString(repo.resolve("haproxy.cfg"))
                .replaceAll("    server web-02 .*\n", ""));
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker, "--approvals", approvals.toString(), "--allow-unsigned-approvals");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(marker).doesNotExist();
        assertThat(run.out()).contains("BLOCKED").contains("is not the reviewed head " + head.substring(0, 10)
                + ": haproxy.cfg modified").contains("the deploy would ship what nobody reviewed");
    }

    @Test
    void shouldNotDeployWhenAnotherCommitIsCheckedOut() throws Exception {
        // arrange: the reviewed head is not what the work tree holds
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            scenario.write("README", "later\n").commit("a later commit");
        }
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker, "--config", writeNoReviewPolicy().toString());

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(marker).doesNotExist();
        assertThat(run.out()).contains("BLOCKED").contains("its HEAD is ").contains(", not " + head.substring(0, 10));
    }

    @Test
    void shouldDeployAChangedWorkTreeOnlyWhenTheOperatorAllowsItAndSaySo() throws Exception {
        // arrange
        Files.writeString(repo.resolve("notes.txt"), "untracked files are not compared\n");
        Files.writeString(repo.resolve(".releasegate.yml"), Files.readString(repo.resolve(".releasegate.yml"))
                + "# edited after the checkout\n");
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker, "--config", writeNoReviewPolicy().toString(), "--allow-worktree-changes");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(marker).exists();
        assertThat(run.err()).contains(".releasegate.yml modified; deploying anyway (--allow-worktree-changes)")
                .doesNotContain("notes.txt");
        assertThat(run.out()).contains("allowed by the operator");
    }

    @Test
    void shouldNotHandTheOperatorsSecretVariablesToTheDeployCommand() throws Exception {
        // arrange: failsafe sets RELEASE_GATE_IT_ROUTING_KEY (pom.xml); --secret-env allows HOME as a secret too
        assertThat(System.getenv("RELEASE_GATE_IT_ROUTING_KEY")).as("set by the failsafe configuration").isNotBlank();
        assertThat(System.getenv("HOME")).isNotBlank();
        Path marker = dir.resolve("deployed");

        // act: a deploy script of the change that would print what it can read
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "echo \"key=[$RELEASE_GATE_IT_ROUTING_KEY] home=[$HOME] head=[$RELEASE_GATE_HEAD] path=[$PATH]\" > "
                        + marker, "--config", writeNoReviewPolicy().toString(), "--secret-env", "HOME");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(marker)).contains("key=[] home=[] head=[" + head + "]")
                .doesNotContain("path=[]");
        assertThat(run.out() + run.err()).doesNotContain("it-routing-key-7f3a");
    }

    /** The operator's policy (outside the repository): nothing needs review, verify as the repository's says. */
    private Path writeNoReviewPolicy() throws Exception {
        Path policy = dir.resolve("operator-policy.yml");
        Files.writeString(policy, """
                review:
                  threshold: NONE
                verify:
                  lb: %s
                  pool: web
                  rate: 200
                  deadline: 10s
                """.formatted(lb.url()));
        return policy;
    }

    @Test
    void shouldExitTwoOnBadInputNamingTheProblem() throws Exception {
        // arrange
        Path policy = dir.resolve("no-verify.yml");
        Files.writeString(policy, "review:\n  threshold: LOW\n");
        Path approvals = dir.resolve("bad.yml");
        Files.writeString(approvals, "- reviewer: bob\n  decision: maybe\n");

        // act
        CliRun noVerify = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "true", "--config", policy.toString());
        CliRun badApprovals = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head,
                "--deploy", "true", "--approvals", approvals.toString());
        CliRun badRevision = CliRun.of("run", "--repo", repo.toString(), "--base", "nope", "--head", head,
                "--deploy", "true");

        // assert
        assertThat(noVerify.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noVerify.err()).contains("no verify: section");
        assertThat(badApprovals.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badApprovals.err()).contains("bad.yml");
        assertThat(badRevision.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badRevision.err()).contains("nope");
    }
}
