package io.releasegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasegate.log.BufferedLog;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.LoopbackEndpoint;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.SecretRules;
import io.releasegate.paging.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Secrets (routing key, webhook URLs, HMAC key) never appear in any output: CLI stdout and stderr, the engine log,
 * results and their toString, the outbox, exception messages. Endpoints that echo the request back in an error and
 * unreachable URLs make the secrets land in error texts, where they must be redacted.
 */
class SecretLeakTest {
    private static final String ROUTING_KEY = "PDKEY-7d1f0c5a9b3e4c21";
    private static final String HOOK_TOKEN = "HOOKTOKEN-a41b9e77c2";
    private static final String SLACK_TOKEN = "SLACKTOKEN-5c0ffee9d1";
    private static final String HMAC = "HMACKEY-0b5e1d2f3a";

    @TempDir
    Path dir;

    @Test
    void shouldNeverPrintASecretWhateverFails() throws Exception {
        // arrange: PagerDuty echoes the event (with routing_key) in a 400; the webhook echoes its URL path in a
        // 500; Slack points at a closed port, so the connection error concerns the secret URL
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<String> everything = new ArrayList<>();
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(request -> Reply.status(400, request.text()));
                LoopbackEndpoint hook = LoopbackEndpoint.start(request -> Reply.status(500,
                        "no route for " + request.path() + " signed " + request.header("X-Release-Gate-Signature")))) {
            Path config = config(pagerDuty, hook, "http://127.0.0.1:" + closedPort + "/services/" + SLACK_TOKEN);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            // act: through the CLI ...
            int exit = cli.execute("page", "--summary", "web-02 at 0%", "--config", config.toString(),
                    "--outbox", dir.resolve("outbox.jsonl").toString(), "--secret-dir", dir.toString());
            int flush = cli.execute("page", "--flush", dir.resolve("outbox.jsonl").toString(), "--config",
                    config.toString(), "--secret-dir", dir.toString());

            // ... and through the engine API
            BufferedLog log = new BufferedLog();
            EscalationConfig escalation = EscalationConfig.fromYaml(config);
            Paging paging = new Paging(escalation.escalation(Secrets.fromEnvironment(SecretRules.of(List.of(), dir)), log),
                    new Outbox(dir.resolve("engine-outbox.jsonl")), log);
            PageResult result = paging.send(Page.trigger("k", "summary").build());

            // assert
            assertThat(exit).isEqualTo(3);
            assertThat(flush).isEqualTo(3);
            assertThat(result.delivered()).isFalse();
            assertThat(pagerDuty.requests().get(0).text()).contains(ROUTING_KEY);
            assertThat(result.attempts()).anySatisfy(attempt -> assertThat(attempt.error()).contains("***"));
            everything.add(out.toString());
            everything.add(err.toString());
            everything.add(result.toString());
            everything.add(result.reason());
            everything.add(escalation.toString());
            log.entries().forEach(entry -> everything.add(entry.message()));
            everything.add(Files.readString(dir.resolve("outbox.jsonl")));
            everything.add(Files.readString(dir.resolve("engine-outbox.jsonl")));
            for (String contact : escalation.contacts().keySet()) {
                everything.add(escalation.contact(contact).pager(Secrets.fromEnvironment(SecretRules.of(List.of(), dir))).toString());
            }
        }
        assertThat(String.join("\n", everything)).isNotBlank()
                .doesNotContain(ROUTING_KEY).doesNotContain(HOOK_TOKEN).doesNotContain(SLACK_TOKEN)
                .doesNotContain(HMAC);
    }

    @Test
    void shouldNotPrintASecretUrlThatAnErrorReplyEchoesJsonEscapedOrPercentEncoded() throws Exception {
        // arrange: the webhook answers 400 quoting the URL it was sent as JSON (PHP escapes '/'), percent-encoded,
        // and its last segment alone
        try (LoopbackEndpoint hook = LoopbackEndpoint.start(request -> {
            String url = "http://127.0.0.1" + request.path();
            return Reply.status(400, "{\"url\":\"" + url.replace("/", "\\/") + "\",\"as\":\""
                    + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8)
                    + "\",\"token\":\"" + HOOK_TOKEN + "\"}");
        })) {
            Path hookUrl = Files.writeString(dir.resolve("hook-url"), hook.uri("/services/T0001/" + HOOK_TOKEN)
                    .toString());
            Path config = Files.writeString(dir.resolve("hook.yml"), """
                    escalation:
                      retry: {maxAttempts: 1}
                      contacts:
                        hook: {type: webhook, url: "file:%s"}
                    """.formatted(hookUrl));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            // act
            int exit = cli.execute("page", "--summary", "web-02 at 0%", "--config", config.toString(), "--outbox",
                    dir.resolve("outbox.jsonl").toString(), "--secret-dir", dir.toString());

            // assert: the reply was quoted (redacted), and no form of the token is left
            assertThat(exit).isEqualTo(3);
            assertThat(out.toString()).contains("HTTP 400 ({\"url\":\"http:\\/\\/127.0.0.1***\",\"as\":\"http%3A%2F%2F127.0.0.1***\",\"token\":\"***\"})");
            String everything = out + "\n" + err + "\n" + Files.readString(dir.resolve("outbox.jsonl"));
            assertThat(everything).doesNotContain(HOOK_TOKEN).doesNotContain("T0001");
        }
    }

    @Test
    void shouldNotEchoAMalformedSecretUrlInTheError() throws Exception {
        // arrange
        Path url = Files.writeString(dir.resolve("url"), "not a url " + SLACK_TOKEN);
        String yaml = "escalation:\n  contacts:\n    slack: {type: slack, url: \"file:" + url + "\"}\n";
        Path config = Files.writeString(dir.resolve("bad.yml"), yaml);
        EscalationConfig escalation = EscalationConfig.fromYaml(config);

        // act / assert
        assertThatThrownBy(() -> escalation.escalation(Secrets.fromEnvironment(SecretRules.of(List.of(), dir)), new BufferedLog()))
                .hasMessage("secret file:" + url + " is not an http(s) URL")
                .hasMessageNotContaining(SLACK_TOKEN);
    }

    private Path config(LoopbackEndpoint pagerDuty, LoopbackEndpoint hook, String slackUrl) throws Exception {
        Path key = Files.writeString(dir.resolve("pd-key"), ROUTING_KEY);
        Path hookUrl = Files.writeString(dir.resolve("hook-url"), hook.uri("/hooks/" + HOOK_TOKEN).toString());
        Path slack = Files.writeString(dir.resolve("slack-url"), slackUrl);
        Path hmac = Files.writeString(dir.resolve("hmac"), HMAC);
        return Files.writeString(dir.resolve(".releasegate.yml"), """
                escalation:
                  retry: {maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20, attemptTimeoutMs: 2000}
                  contacts:
                    oncall-pd: {type: pagerduty, routingKey: "file:%s", baseUrl: "%s"}
                    hook: {type: webhook, url: "file:%s", hmacSecret: "file:%s"}
                    slack: {type: slack, url: "file:%s"}
                """.formatted(key, pagerDuty.uri(""), hookUrl, hmac, slack));
    }
}
