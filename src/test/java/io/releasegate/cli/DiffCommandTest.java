package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasegate.report.Json;
import io.releasegate.testing.ScenarioRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI in-process, capturing stdout and stderr. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldRequireReviewForTheIncidentAndExitOne() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove web-02");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head, "--format", "json");

            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode json = Json.mapper().readTree(run.out());
            assertThat(json.get("base").asText()).isEqualTo(base);
            assertThat(json.get("head").asText()).isEqualTo(head);
            assertThat(json.get("risk").asText()).isEqualTo("CRITICAL");
            assertThat(json.get("reviewRequired").asBoolean()).isTrue();
            assertThat(json.get("requiredApprovals").asInt()).isEqualTo(2);
            assertThat(json.get("digest").asText()).startsWith("sha256:");
            assertThat(json.get("changes").get(0).get("kind").asText()).isEqualTo("SERVER_REMOVED");
            assertThat(json.get("changes").get(0).get("risk").asText()).isEqualTo("HIGH");
            assertThat(json.get("changes").get(2).get("kind").asText()).isEqualTo("SINGLE_POINT_OF_FAILURE");
            assertThat(json.get("files").get(0).get("format").asText()).isEqualTo("poolfile");
            assertThat(json.get("pools").get(0).get("activeServers").toString()).isEqualTo("[\"web-01\"]");
            assertThat(json.get("errors")).isEmpty();
        }
    }

    @Test
    void shouldExitZeroWhenNothingNeedsReview() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.write("lb/pools.yml", "# a comment only\n"
                    + ScenarioRepo.fixture("poolfile/incident-before.yml")).write("README", "docs\n").commit("docs");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("risk NONE, no review required")
                    .contains("No semantic change to load-balancer configuration.");
        }
    }

    @Test
    void shouldJudgeByThePolicyAtTheBaseRevisionNotTheOneTheChangeShips() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate.yml", "review:\n  maxAge: 90m\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.write(".releasegate.yml", "review:\n  threshold: CRITICAL\n  maxAge: 90m\nrisk:\n"
                    + "  kinds:\n    SINGLE_POINT_OF_FAILURE: HIGH\n")
                    .copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("relax policy");
            repo.write(".releasegate.yml", "this file in the work tree is not what was committed: [\n");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("risk CRITICAL, review required (2 approvals)")
                    .contains("CRITICAL POLICY_CHANGED").contains("review.threshold: LOW → CRITICAL")
                    .contains("risk.kinds.SINGLE_POINT_OF_FAILURE: CRITICAL → HIGH")
                    .contains("CRITICAL SINGLE_POINT_OF_FAILURE");
            Run json = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head, "--format", "json");
            JsonNode report = Json.mapper().readTree(json.out());
            assertThat(report.get("approvalMaxAgeMinutes").asLong()).isEqualTo(90);
            assertThat(report.get("policy").asText()).isEqualTo(base.substring(0, 10) + ":.releasegate.yml");
            assertThat(report.at("/changes/0/kind").asText()).isEqualTo("POLICY_CHANGED");
            assertThat(report.at("/changes/0/server").asText()).isEqualTo("review.threshold");
            assertThat(report.at("/changes/0/before").asText()).isEqualTo("LOW");
            assertThat(report.at("/changes/0/after").asText()).isEqualTo("CRITICAL");
        }
    }

    @Test
    void shouldLetTheOperatorsPolicyOverrideTheBaseRevisions() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate.yml", "review:\n  threshold: LOW\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove web-02");
            Path operator = Files.writeString(dir.resolve("operator.yml"), "review:\n  approvals: {CRITICAL: 3}\n");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head, "--config",
                    operator.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("risk CRITICAL, review required (3 approvals)");
        }
    }

    @Test
    void shouldWriteMarkdownWithThePatchToAFile() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.copyFixture("poolfile/incident-after.yml", "lb/pools.yml").commit("remove");
            Path report = dir.resolve("out/report.md");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head,
                    "--format", "markdown", "--patch", "--output", report.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(Files.readString(report)).contains("| CRITICAL | SINGLE_POINT_OF_FAILURE |")
                    .contains("```diff").contains("-      web-02");
        }
    }

    @Test
    void shouldExitTwoOnBadInputWithOneLine() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            repo.copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            Path badPolicy = dir.resolve("bad.yml");
            Files.writeString(badPolicy, "review:\n  approvals: {HIGH: many}\n");

            Run unknownRevision = run("diff", "--repo", repo.root().toString(), "--base", "nope");
            Run notARepository = run("diff", "--repo", dir.resolve("nowhere").toString(), "--base", "HEAD");
            Run invalidPolicy = run("diff", "--repo", repo.root().toString(), "--base", "HEAD", "--config",
                    badPolicy.toString());
            Run missingPolicy = run("diff", "--repo", repo.root().toString(), "--base", "HEAD", "--config",
                    dir.resolve("missing.yml").toString());
            Run badFormat = run("diff", "--repo", repo.root().toString(), "--base", "HEAD", "--format", "xml");

            assertThat(unknownRevision.exitCode()).isEqualTo(2);
            assertThat(unknownRevision.err().strip()).startsWith("release-gate diff: unknown revision 'nope'")
                    .doesNotContain("\n");
            assertThat(notARepository.exitCode()).isEqualTo(2);
            assertThat(notARepository.err()).contains("not a git repository");
            assertThat(invalidPolicy.exitCode()).isEqualTo(2);
            assertThat(invalidPolicy.err()).contains("bad.yml:2").contains("'review.approvals.HIGH'");
            assertThat(missingPolicy.exitCode()).isEqualTo(2);
            assertThat(missingPolicy.err()).contains("policy file not found");
            assertThat(badFormat.exitCode()).isEqualTo(2);
        }
    }

    @Test
    void shouldExitOneForAnUnparseableHeadEvenWhenReviewIsOff() throws Exception {
        try (ScenarioRepo repo = ScenarioRepo.init(dir.resolve("repo"))) {
            String base = repo.write(".releasegate.yml", "review:\n  threshold: NONE\n")
                    .copyFixture("poolfile/incident-before.yml", "lb/pools.yml").commit("pool");
            String head = repo.write("lb/pools.yml", "pools:\n  web:\n    servers: {a: {weight: 1}}\n").commit("oops");

            Run run = run("diff", "--repo", repo.root().toString(), "--base", base, "--head", head);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("risk CRITICAL, no review required").contains("CONFIG_UNPARSEABLE")
                    .contains("error: lb/pools.yml:3");
        }
    }
}
