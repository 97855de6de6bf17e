package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.testing.FreePorts;
import io.releasegate.testing.ScenarioRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change that only adds a {@code .gitattributes} is no semantic change to the load-balancer files, yet the real
 * git converts them on checkout ({@code working-tree-encoding}): the bytes a deploy reads are not the blobs the diff
 * reviewed, and git calls the work tree clean. {@code run} must block before the deploy.
 */
class CheckoutAttributesRunITest {
    @TempDir
    Path dir;

    @Test
    void shouldNotDeployFilesThatTheChangesGitattributesConvertOnCheckout() throws Exception {
        // arrange
        Path repo = dir.resolve("repo");
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(repo)) {
            base = scenario.write("haproxy.cfg", ScenarioRepo.fixture("haproxy/valid/incident-before.cfg"))
                    .write(".releasegate.yml", """
                            review: {threshold: CRITICAL}
                            verify: {lb: "http://127.0.0.1:%d/", pool: web, deadline: 2s}
                            """.formatted(FreePorts.next())).commit("pool");
            head = scenario.write(".gitattributes", "haproxy.cfg working-tree-encoding=UTF-16LE\n")
                    .commit("how git should store the file");
        }
        Files.delete(repo.resolve("haproxy.cfg"));
        git(repo, "checkout", "--", "haproxy.cfg");
        assertThat(Files.readAllBytes(repo.resolve("haproxy.cfg"))[1]).as("converted by the real git").isZero();
        assertThat(git(repo, "status", "--porcelain")).as("git calls it clean").isEmpty();
        Path marker = dir.resolve("deployed");

        // act
        CliRun diff = CliRun.of("diff", "--repo", repo.toString(), "--base", base, "--head", head);
        CliRun run = CliRun.of("run", "--repo", repo.toString(), "--base", base, "--head", head, "--deploy",
                "touch " + marker);

        // assert
        // the diff names the edit (it read "No semantic change" before CHECKOUT_CHANGED); this policy needs no review
        // below CRITICAL, so only the work-tree check stands between the change and the deploy
        assertThat(diff.out()).contains("HIGH     CHECKOUT_CHANGED            L1  .gitattributes added")
                .contains("no review required");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAIL);
        assertThat(marker).doesNotExist();
        assertThat(run.out()).contains("BLOCKED").contains("haproxy.cfg differs byte for byte from the committed file "
                + "(converted on checkout by .gitattributes");
    }

    private static String git(Path repo, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
