package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PagerDutyPagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\","
            + "\"dedup_key\":\"" + TestPages.KEY + "\"}";
    private static final Secret KEY = Secret.of("env:PD_ROUTING_KEY", "R0UTINGKEY0123456789abcdef012345");

    @Test
    void shouldPostTheExactTriggerEventToEnqueue() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202, ACCEPTED))) {
            PagerDutyPager pager = new PagerDutyPager(KEY, pagerDuty.uri(""), "https://ci.example.org/job/gate/42/");

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
            assertThat(delivery.statusCode()).isEqualTo(202);
            LoopbackEndpoint.Request request = pagerDuty.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/enqueue");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.json()).isEqualTo(JSON.readTree("""
                    {"routing_key": "R0UTINGKEY0123456789abcdef012345",
                     "event_action": "trigger",
                     "dedup_key": "release-gate/prod/web/0123456789ab",
                     "payload": {
                       "summary": "web-02 received 0% of traffic; rolled back to a1b2c3",
                       "source": "lb-01.example.org",
                       "severity": "critical",
                       "timestamp": "2026-11-24T04:35:01.123Z",
                       "component": "haproxy",
                       "group": "web",
                       "class": "pool distribution",
                       "custom_details": {"verdict": "FAIL", "failingChecks": ["distribution", "health"],
                                          "change": "a1b2c3..d4e5f6", "rollback": "succeeded"}},
                     "links": [{"href": "https://ci.example.org/job/gate/42/", "text": "Gate report"}],
                     "client": "Release Gate",
                     "client_url": "https://ci.example.org/job/gate/42/"}
                    """));
            assertThat(fieldOrder(request.json())).containsExactly("routing_key", "event_action", "dedup_key",
                    "payload", "links", "client", "client_url");
        }
    }

    @Test
    void shouldSendOnlyRoutingKeyActionAndDedupKeyToResolve() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(202, ACCEPTED))) {
            PagerDutyPager pager = new PagerDutyPager(KEY, pagerDuty.uri("/"), null);

            // act
            Delivery delivery = pager.deliver(Page.resolve(TestPages.KEY, "lb-01", Instant.now()),
                    Duration.ofSeconds(5));

            // assert
            assertThat(delivery.isDelivered()).isTrue();
            assertThat(pagerDuty.requests().get(0).path()).isEqualTo("/v2/enqueue");
            assertThat(pagerDuty.requests().get(0).json()).isEqualTo(JSON.readTree("""
                    {"routing_key": "R0UTINGKEY0123456789abcdef012345", "event_action": "resolve",
                     "dedup_key": "release-gate/prod/web/0123456789ab"}
                    """));
        }
    }

    @Test
    void shouldLeaveOutOptionalFieldsThatAreNotSet() throws Exception {
        // arrange
        Page minimal = Page.trigger("k", "summary").timestamp(TestPages.TIME).build();

        // act
        JsonNode event = PagerDutyPager.event(minimal, "key", null);

        // assert
        assertThat(event).isEqualTo(JSON.readTree("""
                {"routing_key": "key", "event_action": "trigger", "dedup_key": "k",
                 "payload": {"summary": "summary", "source": "release-gate", "severity": "critical",
                             "timestamp": "2026-11-24T04:35:01.123Z", "custom_details": {}},
                 "client": "Release Gate"}
                """));
    }

    @Test
    void shouldClassifyAnInvalidEventAsRejectedWithPagerDutysMessage() throws Exception {
        // arrange
        String invalid = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'payload.severity' is invalid\"]}";
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(400, invalid))) {
            PagerDutyPager pager = new PagerDutyPager(KEY, pagerDuty.uri(""), null);

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.REJECTED);
            assertThat(delivery.statusCode()).isEqualTo(400);
            assertThat(delivery.detail()).contains("Event object is invalid");
        }
    }

    @Test
    void shouldClassifyThrottlingAsRetryableWithItsRetryAfter() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.retryAfter(429, "7"))) {
            PagerDutyPager pager = new PagerDutyPager(KEY, pagerDuty.uri(""), null);

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(5));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
            assertThat(delivery.statusCode()).isEqualTo(429);
            assertThat(delivery.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void shouldReplaceCustomDetailsThatWouldPassPagerDutysSizeLimit() throws Exception {
        // arrange
        Page huge = Page.trigger("k", "summary").timestamp(TestPages.TIME).detail("log", "x".repeat(600_000))
                .link("https://ci.example.org/job/gate/42/", "Gate report").build();

        // act
        JsonNode event = JSON.readTree(PagerDutyPager.body(huge, "key", null));

        // assert
        assertThat(PagerDutyPager.body(huge, "key", null).length).isLessThan(PagerDutyPager.MAX_EVENT_BYTES);
        assertThat(event.at("/payload/custom_details/note").asText())
                .startsWith("the custom details (").endsWith("exceed PagerDuty's 512 KB limit; see the links");
        assertThat(event.at("/payload/summary").asText()).isEqualTo("summary");
        assertThat(event.at("/links/0/href").asText()).isEqualTo("https://ci.example.org/job/gate/42/");
    }

    @Test
    void shouldKeepOnlyTheStartOfAHugeErrorReply() throws Exception {
        // arrange
        String reply = "overloaded " + "z".repeat(2_000_000);
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(503, reply))) {
            PagerDutyPager pager = new PagerDutyPager(KEY, pagerDuty.uri(""), null);

            // act
            Delivery delivery = pager.deliver(TestPages.incident(), Duration.ofSeconds(10));

            // assert
            assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.RETRYABLE);
            assertThat(delivery.detail()).startsWith("overloaded zzz").hasSize(301).endsWith("\u2026");
        }
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(HttpDelivery.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpDelivery.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpDelivery.parseRetryAfter("soon", now)).isNull();
        assertThat(HttpDelivery.parseRetryAfter(null, now)).isNull();
    }

    private static java.util.List<String> fieldOrder(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
