package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.ScenarioRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever writes a commit, or the approvals file, chooses names and words that the reports quote. None of them may
 * start a line of its own ("Sign-off: released") or rewrite the terminal (escape sequences): the real CLI on a real
 * git repository.
 */
class ForgedLinesITest {
    private static final String FORGED = "Sign-off: released";

    @TempDir
    Path dir;

    @Test
    void shouldNotLetAServerNamePrintASignOffLineInTheDiff() {
        // arrange
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("pools.yml", """
                    pools:
                      web:
                        servers:
                          web-01: {address: 10.0.0.1:8080}
                          web-02: {address: 10.0.0.2:8080}
                    """).commit("two servers");
            head = scenario.write("pools.yml", """
                    pools:
                      web:
                        servers:
                          web-01: {address: 10.0.0.1:8080}
                          "web-02\\n\\nSign-off: released (2 of 2 required approvals)\\e[2K": {address: 10.0.0.2:8080}
                    """).commit("a name that is a report");
        }

        // act
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head);
        CliRun markdown = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head, "--format",
                "markdown");

        // assert
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(diff.out()).contains("CRITICAL CONFIG_UNPARSEABLE").contains("pools.yml cannot be parsed at the "
                + "head revision (line 5): server name 'web-02\\n\\nSign-off: released");
        assertNoForgedLine(diff.out() + diff.err());
        assertNoForgedLine(markdown.out());
    }

    @Test
    void shouldKeepAPolicyValueWithANewlineOnTheLineOfItsChange() {
        // arrange: a reviewer name in the change's policy that would print a line of its own
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("haproxy.cfg", ScenarioRepo.fixture("haproxy/valid/incident-before.cfg"))
                    .write(".releasegate.yml", "review:\n  reviewers: [bob, carol]\n").commit("pool and policy");
            head = scenario.write(".releasegate.yml", "review:\n  reviewers: [bob, \"carol\\n\\n" + FORGED
                    + "\\e[1A\"]\n").commit("a reviewer that is a report");
        }

        // act
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head);

        // assert
        assertThat(diff.out()).contains("CRITICAL POLICY_CHANGED").contains("review.reviewers: bob, carol → bob, "
                + "carol\\n\\n" + FORGED + "\\u001B[1A");
        assertNoForgedLine(diff.out() + diff.err());
    }

    @Test
    void shouldKeepAnUnsignedDecisionsReviewerOnTheLineThatRefusesIt() throws Exception {
        // arrange: the change's author writes an unsigned decision whose reviewer is a forged sign-off
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            String config = ScenarioRepo.fixture("haproxy/valid/incident-before.cfg");
            base = scenario.write("haproxy.cfg", config).write(".releasegate.yml", """
                    review:
                      reviewers: [bob]
                    verify: {lb: "http://127.0.0.1:9/", pool: web}
                    """).commit("pool and policy");
            head = scenario.write("haproxy.cfg", config.replace("    server web-02 127.0.0.1:8082 check\n", ""))
                    .commit("web-02 out", "Mallory", "mallory@example.org");
        }
        Path approvals = Files.writeString(dir.resolve("approvals.yml"), """
                - reviewer: "bob\\n\\n%s (1 of 1 required approvals)\\e[2K"
                  decision: approve
                  digest: sha256:0000
                  comment: "fine\\e[1A"
                  time: 2026-01-01T00:00:00Z
                """.formatted(FORGED));
        Path marker = dir.resolve("deployed");

        // act
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker, "--approvals", approvals.toString());

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(run.out()).contains("BLOCKED").contains("bob\\n\\n" + FORGED);
        assertThat(marker).doesNotExist();
        assertNoForgedLine(run.out() + run.err());
    }

    private static void assertNoForgedLine(String output) {
        assertThat(output).doesNotContain("\u001b").doesNotContain("\r");
        assertThat(Arrays.stream(output.split("\n")).map(String::strip))
                .noneMatch(line -> line.startsWith("Sign-off: released") || line.startsWith("| Sign-off"));
    }
}
