package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slack incoming webhooks, Teams Workflows webhooks and the generic JSON webhook, on a loopback endpoint. */
class ChatPagersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPostTheExactSlackMessage() throws Exception {
        // arrange
        try (LoopbackEndpoint slack = LoopbackEndpoint.start(Reply.status(200, "ok"))) {
            SlackPager pager = new SlackPager(Secret.of("env:SLACK_WEBHOOK_URL",
                    slack.uri("/services/T000/B000/XXXX").toString()));

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.isDelivered()).isTrue();
            LoopbackEndpoint.Request request = slack.requests().get(0);
            assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
            assertThat(request.json()).isEqualTo(JSON.readTree("""
                    {"text": "CRITICAL release gate alert on haproxy: web-02 received 0% of traffic; rolled back to a1b2c3",
                     "blocks": [
                       {"type": "header", "text": {"type": "plain_text", "text": "CRITICAL release gate alert on haproxy"}},
                       {"type": "section", "text": {"type": "mrkdwn",
                         "text": "web-02 received 0% of traffic; rolled back to a1b2c3"}},
                       {"type": "section", "fields": [
                         {"type": "mrkdwn", "text": "*verdict*\\nFAIL"},
                         {"type": "mrkdwn", "text": "*failingChecks*\\n[\\"distribution\\",\\"health\\"]"},
                         {"type": "mrkdwn", "text": "*change*\\na1b2c3..d4e5f6"},
                         {"type": "mrkdwn", "text": "*rollback*\\nsucceeded"}]},
                       {"type": "section", "text": {"type": "mrkdwn",
                         "text": "<https://ci.example.org/job/gate/42/|Gate report>"}},
                       {"type": "context", "elements": [{"type": "mrkdwn",
                         "text": "source `lb-01.example.org` | dedup key `release-gate/prod/web/0123456789ab` | 2026-11-24T04:35:01.123Z"}]}
                     ]}
                    """));
        }
    }

    @Test
    void shouldEscapeSlackControlCharacters() {
        assertThat(SlackPager.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
    }

    @Test
    void shouldPostTheExactTeamsAdaptiveCard() throws Exception {
        // arrange
        try (LoopbackEndpoint teams = LoopbackEndpoint.start(Reply.status(202))) {
            TeamsPager pager = new TeamsPager(Secret.of("file:/run/secrets/teams-url",
                    teams.uri("/workflows/abc/triggers/manual/paths/invoke").toString()));

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.isDelivered()).isTrue();
            assertThat(teams.requests().get(0).json()).isEqualTo(JSON.readTree("""
                    {"type": "message",
                     "attachments": [{
                       "contentType": "application/vnd.microsoft.card.adaptive",
                       "content": {
                         "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                         "type": "AdaptiveCard",
                         "version": "1.4",
                         "body": [
                           {"type": "TextBlock", "text": "CRITICAL release gate alert on haproxy", "weight": "Bolder",
                            "size": "Medium", "color": "Attention", "wrap": true},
                           {"type": "TextBlock", "text": "web-02 received 0% of traffic; rolled back to a1b2c3",
                            "wrap": true},
                           {"type": "FactSet", "facts": [
                             {"title": "Severity", "value": "critical"},
                             {"title": "Source", "value": "lb-01.example.org"},
                             {"title": "Dedup key", "value": "release-gate/prod/web/0123456789ab"},
                             {"title": "Time", "value": "2026-11-24T04:35:01.123Z"},
                             {"title": "verdict", "value": "FAIL"},
                             {"title": "failingChecks", "value": "[\\"distribution\\",\\"health\\"]"},
                             {"title": "change", "value": "a1b2c3..d4e5f6"},
                             {"title": "rollback", "value": "succeeded"}]}
                         ],
                         "actions": [{"type": "Action.OpenUrl", "title": "Gate report",
                                      "url": "https://ci.example.org/job/gate/42/"}]
                       }}]}
                    """));
        }
    }

    @Test
    void shouldColourAResolveGreenInTeams() {
        // act
        var card = TeamsPager.message(Page.resolve(TestPages.KEY, "lb-01", Instant.now()));

        // assert
        assertThat(card.at("/attachments/0/content/body/0/color").asText()).isEqualTo("Good");
        assertThat(card.at("/attachments/0/content/body/0/text").asText()).isEqualTo("RESOLVED release gate alert");
    }

    @Test
    void shouldSignTheExactWebhookBodyWithHmacSha256() throws Exception {
        // arrange: the endpoint verifies the signature with its own copy of the key
        String key = "hook-secret-5f2c";
        try (LoopbackEndpoint hook = LoopbackEndpoint.start(request -> {
            String expected = WebhookPager.signature(key, request.body());
            String got = request.header("X-Release-Gate-Signature");
            return expected.equals(got) ? Reply.status(204) : Reply.status(401, "bad signature");
        })) {
            WebhookPager pager = new WebhookPager(Secret.of("env:HOOK_URL", hook.uri("/hook").toString()),
                    Secret.of("env:HOOK_SECRET", key));

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
            LoopbackEndpoint.Request request = hook.requests().get(0);
            assertThat(request.header("X-Release-Gate-Signature")).matches("sha256=[0-9a-f]{64}");
            assertThat(request.json()).isEqualTo(PageJson.toJson(TestPages.incident()));
        }
    }

    @Test
    void shouldBeRejectedByAnEndpointThatChecksWithAnotherKey() throws Exception {
        // arrange
        try (LoopbackEndpoint hook = LoopbackEndpoint.start(request -> WebhookPager.signature("right", request.body())
                .equals(request.header("X-Release-Gate-Signature")) ? Reply.status(204) : Reply.status(401))) {
            WebhookPager pager = new WebhookPager(Secret.of("env:HOOK_URL", hook.uri("/hook").toString()),
                    Secret.of("env:HOOK_SECRET", "wrong"));

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.REJECTED);
            assertThat(delivery.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void shouldMatchAKnownHmacSha256Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookPager.signature("Jefe", "what do ya want for nothing?".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
