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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-gate run} in a checkout of the change under review: a link that the change commits where the outbox
 * goes must not make the run write to the file it points at (a shell start-up file, say); the page still goes out.
 */
class CheckoutLinksRunITest {
    @TempDir
    Path dir;
    private LoopbackEndpoint pagerDuty;

    @BeforeEach
    void start() throws Exception {
        pagerDuty = LoopbackEndpoint.start(Reply.status(500, "busy"));
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    @Test
    void shouldNotAppendAPageThroughAnOutboxLinkTheChangeCommitted() throws Exception {
        // arrange: base pages a local PagerDuty endpoint; the change adds only a link named like the outbox
        Path victim = Files.writeString(dir.resolve("bashrc"), "# the CI user's shell start-up\n");
        Path repo;
        String base;
        String head;
        try (ScenarioRepo scenario = ScenarioRepo.init(dir.resolve("repo"))) {
            base = scenario.write("haproxy.cfg", ScenarioRepo.fixture("haproxy/valid/incident-before.cfg"))
                    .write(".releasegate.yml", """
                            verify: {lb: "http://127.0.0.1:%d/", pool: web, deadline: 2s}
                            escalation:
                              retry: {maxAttempts: 1, deadlineMs: 2000}
                              contacts:
                                pd: {type: pagerduty, routingKey: env:RELEASE_GATE_TEST_PD, baseUrl: "%s"}
                            """.formatted(FreePorts.next(), pagerDuty.uri("")))
                    .commit("pool, nothing listening on its frontend");
            repo = scenario.root();
            Files.createSymbolicLink(repo.resolve(".releasegate-outbox.jsonl"), victim);
            head = scenario.commit("an innocent-looking link");
        }

        // act: run in the checkout, with the default outbox .releasegate-outbox.jsonl of the working directory
        CliProcess run = CliProcess.run(repo, Map.of("RELEASE_GATE_TEST_PD", "R0UTINGKEY"), Duration.ofSeconds(120),
                "run", "--base", base, "--head", head, "--deploy", "true");

        // assert
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.UNRECOVERED);
        assertThat(pagerDuty.requests()).hasSize(1);
        assertThat(run.err()).contains(".releasegate-outbox.jsonl: is a symbolic link; the outbox reads and writes"
                + " only regular files");
        assertThat(Files.readString(victim)).isEqualTo("# the CI user's shell start-up\n");
    }
}
