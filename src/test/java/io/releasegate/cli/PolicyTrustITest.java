package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.paging.LoopbackEndpoint;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import io.releasegate.testing.CliProcess;
import io.releasegate.testing.FreePorts;
import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team's attack on the gate, end to end in real git repositories, through the real command line (its own
 * JVM, with the secrets in its environment): one commit removes web-02 and turns review off in .releasegate.yml,
 * and points the PagerDuty contact at an address of its choosing with a secret of its choosing. The gate judges the
 * change by the base revision's policy, pages only the base revision's contacts, and resolves only the secrets the
 * operator allows.
 */
class PolicyTrustITest {
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);
    private static final String PD_KEY = "legit-routing-key-5f2c";
    private static final String STOLEN = "stolen-secret-9d41e0";
    private static final Map<String, String> ENVIRONMENT = Map.of("RELEASE_GATE_PD_KEY", PD_KEY,
            "SOME_SECRET", STOLEN);

    @TempDir
    Path dir;
    private LoopbackEndpoint pagerDuty;
    private LoopbackEndpoint attacker;
    private int closedPort;

    @BeforeEach
    void start() throws Exception {
        pagerDuty = LoopbackEndpoint.start(Reply.status(202, "{\"status\":\"success\"}"));
        attacker = LoopbackEndpoint.start(Reply.status(202, "{\"status\":\"success\"}"));
        closedPort = FreePorts.next();
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
        attacker.close();
    }

    /** The attack of issue 8 in {@code repo}: web-02 removed, review off, reviewers and pager replaced; {base, head}. */
    private String[] reviewOffAttack(Path repo) {
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            String base = scenario.copyFixture("haproxy/valid/incident-before.cfg", "haproxy.cfg")
                    .write(".releasegate.yml", basePolicy("LOW", "")).commit("pool and policy", "Olga Operator",
                            "olga@example.org");
            String head = scenario.copyFixture("haproxy/valid/incident-after.cfg", "haproxy.cfg")
                    .write(".releasegate.yml", attackPolicy()).commit("web-02 out", "Mallory", "mallory@example.org");
            return new String[] {base, head};
        }
    }

    @Test
    void shouldRequireReviewAndNotDeployWhenTheChangeTurnsReviewOffAndRemovesAServer() {
        // arrange
        Path repo = dir.resolve("repo");
        String[] change = reviewOffAttack(repo);
        String base = change[0];
        String head = change[1];
        Path marker = dir.resolve("deployed");

        // act
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head);
        CliProcess run = CliProcess.run(dir, ENVIRONMENT, CLI_TIMEOUT, "run", "--repo", repo.toString(), "--base",
                base, "--head", head, "--deploy", "touch " + marker, "--outbox", dir.resolve("outbox").toString());

        // assert
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(diff.out()).contains("risk CRITICAL, review required (2 approvals)")
                .doesNotContain("no review required")
                .contains("CRITICAL POLICY_CHANGED").contains("review.threshold: LOW → NONE")
                .contains("reviewers: bob, carol → mallory")
                .contains("escalation contact oncall-pd: baseUrl changed")
                .contains("escalation contact oncall-pd: routingKey changed (env:RELEASE_GATE_PD_KEY → "
                        + "env:SOME_SECRET)")
                .contains("SERVER_REMOVED");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("BLOCKED").contains("2 more needed from bob, carol");
        assertThat(marker).doesNotExist();
        assertThat(attacker.requests()).isEmpty();
        assertThat(run.out() + run.err() + diff.out() + diff.err()).doesNotContain(STOLEN).doesNotContain(PD_KEY);
    }

    @Test
    void shouldReadAConfigPathIntoTheCheckoutAtTheBaseRevision() {
        // arrange: CI runs in the checkout of the change and passes the checkout's own policy as --config
        String[] change = reviewOffAttack(dir.resolve("repo"));

        // act
        CliProcess run = CliProcess.run(dir.resolve("repo"), ENVIRONMENT, CLI_TIMEOUT, "run", "--base", change[0],
                "--head", change[1], "--config", ".releasegate.yml", "--deploy", "touch " + dir.resolve("deployed"),
                "--outbox", dir.resolve("outbox").toString());

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.err()).contains("release-gate: warning: the policy file .releasegate.yml is .releasegate.yml"
                + " of the repository, whose work tree holds the change under review: it is read at the base"
                + " revision");
        assertThat(run.out()).startsWith("release-gate run repo: BLOCKED (exit 1)")
                .contains("2 more needed from bob, carol");
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void shouldPageTheBaseRevisionsContactAndVerifyWithTheBaseRevisionsSettings() throws Exception {
        // arrange: the reviewed base lets policy edits through without review (its own choice); the change edits
        // only the policy: the contact (address and secret) and the verify: section (another load balancer)
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.copyFixture("haproxy/valid/incident-before.cfg", "haproxy.cfg")
                    .write(".releasegate.yml", basePolicy("LOW", "risk:\n  kinds:\n    POLICY_CHANGED: NONE\n"))
                    .commit("pool and policy", "Olga Operator", "olga@example.org");
            head = scenario.write(".releasegate.yml", basePolicy("LOW", "risk:\n  kinds:\n    POLICY_CHANGED: NONE\n")
                            .replace(pagerDuty.uri("").toString(), attacker.uri("").toString())
                            .replace("env:RELEASE_GATE_PD_KEY", "env:SOME_SECRET")
                            .replace("127.0.0.1:" + closedPort, attacker.uri("").getAuthority()))
                    .commit("route pages and verification elsewhere", "Mallory", "mallory@example.org");
        }
        Path marker = dir.resolve("deployed");

        // act
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head);
        CliProcess run = CliProcess.run(dir, ENVIRONMENT, CLI_TIMEOUT, "run", "--repo", repo.toString(), "--base",
                base, "--head", head, "--deploy", "touch " + marker, "--outbox", dir.resolve("outbox").toString());

        // assert: the edit is reported, the run deploys (no review needed), verification goes to the base's load
        // balancer (closed: it fails) and the page to the base's contact with the operator-allowed secret
        assertThat(diff.out()).contains("escalation contact oncall-pd: baseUrl changed")
                .contains("verify.lb: http://127.0.0.1:" + closedPort + "/ → " + attacker.uri("/"));
        assertThat(marker).exists();
        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero().isNotEqualTo(ExitCodes.BAD_INPUT);
        assertThat(pagerDuty.awaitRequests(1, Duration.ofSeconds(10))).as(run.out() + run.err()).isTrue();
        assertThat(pagerDuty.requests().get(0).json().get("routing_key").asText()).isEqualTo(PD_KEY);
        assertThat(attacker.requests()).as("nothing arrives at the change's address").isEmpty();
        List<String> everything = new ArrayList<>(List.of(run.out(), run.err(),
                Files.readString(dir.resolve("outbox"))));
        pagerDuty.requests().forEach(request -> everything.add(request.text()));
        assertThat(String.join("\n", everything)).doesNotContain(STOLEN);
    }

    @Test
    void shouldRefuseASecretTheOperatorDidNotAllowBeforeDeployingReadingOrSending() throws Exception {
        // arrange: a reviewed policy that names a variable outside RELEASE_GATE_*
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.copyFixture("haproxy/valid/incident-before.cfg", "haproxy.cfg")
                    .write(".releasegate.yml", basePolicy("NONE", "")
                            .replace("env:RELEASE_GATE_PD_KEY", "env:SOME_SECRET"))
                    .commit("pool and policy", "Olga Operator", "olga@example.org");
            head = scenario.write("haproxy.cfg", ScenarioRepo.fixture("haproxy/valid/incident-before.cfg")
                    .replace("timeout server 30s", "timeout server 40s")).commit("longer timeout");
        }
        Path marker = dir.resolve("deployed");

        // act
        CliProcess refused = CliProcess.run(dir, ENVIRONMENT, CLI_TIMEOUT, "run", "--repo", repo.toString(),
                "--base", base, "--head", head, "--deploy", "touch " + marker);
        boolean deployedWhenRefused = Files.exists(marker);
        CliProcess allowed = CliProcess.run(dir, ENVIRONMENT, CLI_TIMEOUT, "run", "--repo", repo.toString(),
                "--base", base, "--head", head, "--deploy", "touch " + marker, "--secret-env", "SOME_SECRET",
                "--outbox", dir.resolve("outbox").toString());

        // assert
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err().strip()).isEqualTo("release-gate run: invalid escalation: section of the judging"
                + " policy: .releasegate.yml:14: escalation.contacts.oncall-pd.routingKey: env:SOME_SECRET is not an"
                + " allowed secret: environment variables must be named RELEASE_GATE_* or allowed by the operator"
                + " with --secret-env SOME_SECRET");
        assertThat(deployedWhenRefused).isFalse();
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isNotEqualTo(ExitCodes.BAD_INPUT);
        assertThat(marker).exists();
        assertThat(pagerDuty.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
        assertThat(pagerDuty.requests()).hasSize(1);
        assertThat(pagerDuty.requests().get(0).json().get("routing_key").asText()).isEqualTo(STOLEN);
    }

    @Test
    void shouldReadNoFileOutsideTheOperatorsSecretDirectory() throws Exception {
        // arrange: named pipes stand for /etc/shadow: opening one for reading blocks until a writer comes, so a
        // run that read it would never end; one is outside the secret directory, one reached by a link inside it
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path outside = Files.createDirectories(dir.resolve("etc")).resolve("shadow");
        mkfifo(outside);
        Files.createSymbolicLink(secrets.resolve("innocent"), outside);
        Files.writeString(secrets.resolve("pd-key"), PD_KEY + "\n");
        Path repo = dir.resolve("repo");
        List<String[]> revisions = new ArrayList<>();
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            for (String reference : List.of("file:" + outside, "file:" + secrets.resolve("innocent"),
                    "file:" + secrets + "/../etc/shadow")) {
                String base = scenario.copyFixture("haproxy/valid/incident-before.cfg", "haproxy.cfg")
                        .write(".releasegate.yml", basePolicy("NONE", "")
                                .replace("env:RELEASE_GATE_PD_KEY", "\"" + reference + "\""))
                        .commit("policy reading " + reference);
                String head = scenario.write("README", reference + "\n").commit("docs");
                revisions.add(new String[] {base, head, reference});
            }
        }
        Path marker = dir.resolve("deployed");

        // act
        List<CliProcess> runs = new ArrayList<>();
        for (String[] revision : revisions) {
            runs.add(CliProcess.run(dir, Map.of(), CLI_TIMEOUT, "run", "--repo", repo.toString(), "--base",
                    revision[0], "--head", revision[1], "--deploy", "touch " + marker, "--secret-dir",
                    secrets.toString()));
        }

        // assert
        for (int i = 0; i < runs.size(); i++) {
            CliProcess run = runs.get(i);
            assertThat(run.exitCode()).as("%s: %s", revisions.get(i)[2], run.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains(".releasegate.yml:14: escalation.contacts.oncall-pd.routingKey: "
                    + revisions.get(i)[2] + " is not an allowed secret");
        }
        assertThat(runs.get(0).err()).contains("it is outside the secret directory " + secrets.toRealPath());
        assertThat(runs.get(1).err()).contains("after resolving symbolic links it is not a file inside the secret"
                + " directory");
        assertThat(marker).doesNotExist();
        assertThat(pagerDuty.requests()).isEmpty();
    }

    /** The reviewed policy: review by bob and carol, verification through a closed port, paging PagerDuty. */
    private String basePolicy(String threshold, String extra) {
        return extra + """
                review:
                  threshold: %s
                  reviewers: [bob, carol]
                verify:
                  lb: http://127.0.0.1:%d/
                  pool: web
                  expect: web-01,web-02
                  deadline: 3s
                escalation:
                  retry: {maxAttempts: 1, attemptTimeoutMs: 3000, deadlineMs: 5000}
                  contacts:
                    oncall-pd:
                      type: pagerduty
                      routingKey: env:RELEASE_GATE_PD_KEY
                      baseUrl: %s
                """.formatted(threshold, closedPort, pagerDuty.uri(""));
    }

    /** The change's policy: review off, another reviewer, the contact pointed elsewhere with another secret. */
    private String attackPolicy() {
        return """
                review:
                  threshold: NONE
                  reviewers: [mallory]
                verify:
                  lb: http://127.0.0.1:%d/
                  pool: web
                escalation:
                  contacts:
                    oncall-pd: {type: pagerduty, routingKey: env:SOME_SECRET, baseUrl: "%s"}
                """.formatted(closedPort, attacker.uri(""));
    }

    private static void mkfifo(Path path) throws Exception {
        Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }
}
