package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.paging.LoopbackEndpoint;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import io.releasegate.paging.Outbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code release-gate page}, end to end against loopback endpoints, with secrets in files. */
class PageCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldDeliverAManualPageAndExit0() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202))) {
            Path config = config(pagerDuty, pagerDuty);

            // act
            int exit = run("page", "--contact", "oncall-pd", "--summary", "drill: web-02 left the pool",
                    "--severity", "warning", "--dedup-key", "release-gate/drill/web/0123456789ab",
                    "--detail", "pool=web", "--config", config.toString(), "--outbox", outbox().toString());

            // assert
            assertThat(exit).isEqualTo(0);
            assertThat(out.toString()).contains("delivered trigger release-gate/drill/web/0123456789ab:"
                    + " delivered to oncall-pd on attempt 1 (status 202)");
            var event = pagerDuty.requests().get(0).json();
            assertThat(event.at("/routing_key").asText()).isEqualTo("pd-routing-key-0001");
            assertThat(event.at("/payload/severity").asText()).isEqualTo("warning");
            assertThat(event.at("/payload/custom_details/pool").asText()).isEqualTo("web");
            assertThat(new Outbox(outbox()).pending()).isEmpty();
        }
    }

    @Test
    void shouldResolveWithTheGivenDedupKey() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202))) {
            Path config = config(pagerDuty, pagerDuty);

            // act
            int exit = run("page", "--contact", "oncall-pd", "--resolve", "--dedup-key",
                    "release-gate/x/y/0123456789ab", "--config", config.toString(), "--outbox", outbox().toString());

            // assert
            assertThat(exit).isEqualTo(0);
            assertThat(pagerDuty.requests().get(0).json().at("/event_action").asText()).isEqualTo("resolve");
        }
    }

    @Test
    void shouldExit3AndKeepThePageWhenEveryContactFailsThenFlushIt() throws Exception {
        // arrange
        try (LoopbackEndpoint broken = LoopbackEndpoint.start(Reply.status(500));
                LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            Path config = config(broken, broken);

            // act
            int exit = run("page", "--summary", "web-02 at 0%", "--config", config.toString(),
                    "--outbox", outbox().toString());

            // assert
            assertThat(exit).isEqualTo(3);
            assertThat(out.toString()).contains("UNDELIVERED trigger release-gate/manual/")
                    .contains("undelivered: kept in " + outbox());
            assertThat(new Outbox(outbox()).pending()).hasSize(1);

            // act: the contacts are healthy again
            Path healed = config(healthy, healthy);
            int flushed = run("page", "--flush", outbox().toString(), "--config", healed.toString());

            // assert
            assertThat(flushed).isEqualTo(0);
            assertThat(out.toString()).contains("1 resent, 0 still undelivered in " + outbox());
            assertThat(healthy.requests()).singleElement()
                    .satisfies(request -> assertThat(request.json().at("/payload/summary").asText())
                            .isEqualTo("web-02 at 0%"));
            assertThat(new Outbox(outbox()).pending()).isEmpty();
        }
    }

    @Test
    void shouldExit2ForAnUnknownContact() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202))) {
            Path config = config(pagerDuty, pagerDuty);

            // act
            int exit = run("page", "--contact", "nobody", "--summary", "x", "--config", config.toString(),
                    "--outbox", outbox().toString());

            // assert
            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("no contact 'nobody' in escalation.contacts (known: oncall-pd, hook)");
            assertThat(pagerDuty.requests()).isEmpty();
        }
    }

    @Test
    void shouldExit2ForAMissingConfigurationOrSummaryOrSeverity() throws Exception {
        assertThat(run("page", "--summary", "x", "--config", dir.resolve("absent.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("absent.yml: escalation: cannot read the file");
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202))) {
            Path config = config(pagerDuty, pagerDuty);
            assertThat(run("page", "--config", config.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--summary is required");
            assertThat(run("page", "--summary", "x", "--severity", "fatal", "--config", config.toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("severity 'fatal' is not one of critical, error, warning, info");
            assertThat(run("page", "--resolve", "--config", config.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--resolve needs --dedup-key");
            assertThat(pagerDuty.requests()).isEmpty();
        }
    }

    @Test
    void shouldQuarantineAnUnreadableOutboxLineAndResendTheOtherPages() throws Exception {
        // arrange: a page kept in the outbox, then a line that is not UTF-8 after it
        try (LoopbackEndpoint broken = LoopbackEndpoint.start(Reply.status(500));
                LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            run("page", "--summary", "web-02 at 0%", "--config", config(broken, broken).toString(), "--outbox",
                    outbox().toString());
            Files.write(outbox(), new byte[] {'{', (byte) 0xC3, '(', '}', '\n'},
                    java.nio.file.StandardOpenOption.APPEND);

            // act
            int exit = run("page", "--flush", outbox().toString(), "--config", config(healthy, healthy).toString());

            // assert
            assertThat(exit).as("delivered, but something needs a look").isEqualTo(ExitCodes.FAIL);
            assertThat(healthy.requests()).hasSize(1);
            assertThat(out.toString()).contains("1 resent, 0 still undelivered in " + outbox()
                    + ", 1 unreadable line quarantined in " + outbox() + ".quarantine");
            assertThat(err.toString()).contains("release-gate page: " + outbox() + " line 2: not valid UTF-8: moved "
                    + "to " + outbox() + ".quarantine").doesNotContain("Exception");
            assertThat(new Outbox(outbox()).pending()).isEmpty();
        }
    }

    @Test
    void shouldExit2NamingAMissingOutbox() {
        // act
        int exit = run("page", "--flush", dir.resolve("nope.jsonl").toString(), "--config",
                dir.resolve("absent.yml").toString());

        // assert
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("release-gate page: --flush " + dir.resolve("nope.jsonl")
                + ": no such outbox file\n");
        assertThat(out.toString()).isEmpty();
    }

    /** Runs {@code page} with the test's directory as the operator's secret directory (the secrets are files). */
    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> withSecrets = new ArrayList<>(List.of(args));
        withSecrets.addAll(List.of("--secret-dir", dir.toString()));
        return cli.execute(withSecrets.toArray(String[]::new));
    }

    private Path outbox() {
        return dir.resolve("outbox.jsonl");
    }

    /** A config whose PagerDuty contact and webhook point at the endpoints, secrets in files. */
    private Path config(LoopbackEndpoint pagerDuty, LoopbackEndpoint hook) throws Exception {
        Path key = Files.writeString(dir.resolve("pd-key"), "pd-routing-key-0001\n");
        Path hookUrl = Files.writeString(dir.resolve("hook-url"), hook.uri("/hook").toString());
        Path file = dir.resolve("releasegate-" + System.nanoTime() + ".yml");
        Files.writeString(file, """
                escalation:
                  chain: [oncall-pd, hook]
                  retry: {maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20, attemptTimeoutMs: 2000}
                  contacts:
                    oncall-pd: {type: pagerduty, routingKey: "file:%s", baseUrl: "%s"}
                    hook: {type: webhook, url: "file:%s"}
                """.formatted(key, pagerDuty.uri(""), hookUrl));
        return file;
    }
}
