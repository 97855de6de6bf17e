package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.BufferedLog;
import io.releasegate.paging.Delivery.Outcome;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries, backoff, deadlines and fall-through along the chain, against real loopback endpoints. */
class EscalationTest {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(80),
            Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(2));
    private final BufferedLog log = new BufferedLog();
    private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofMillis(100));

    @Test
    void shouldRetryAThrottledPageAfterTheServersRetryAfter() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.retryAfter(429, "1"), Reply.status(202))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.delivered()).isTrue();
            assertThat(result.deliveredTo()).isEqualTo("oncall-pd");
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
            assertThat(result.attempts()).extracting(Attempt::outcome, Attempt::statusCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.RETRYABLE, 429),
                            org.assertj.core.groups.Tuple.tuple(Outcome.DELIVERED, 202));
            assertThat(pagerDuty.requests()).hasSize(2);
        }
    }

    @Test
    void shouldCapARetryAfterLongerThanThePolicyAllows() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.retryAfter(429, "3600"), Reply.status(202))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.delivered()).isTrue();
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldBackOffWithJitterWhenThrottledWithoutRetryAfter() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(429), Reply.status(429),
                Reply.status(429), Reply.status(202))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.delivered()).isTrue();
            assertThat(result.attempts()).hasSize(4);
            List<Duration> waits = sleeper.waits();
            assertThat(waits).hasSize(3);
            assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(20));
            assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(40));
            assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(80));
        }
    }

    @Test
    void shouldRetryAServerErrorUntilItIsAccepted() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(500), Reply.status(503),
                Reply.status(202))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.delivered()).isTrue();
            assertThat(result.attempts()).extracting(Attempt::attempt).containsExactly(1, 2, 3);
            assertThat(result.reason()).isEqualTo("delivered to oncall-pd on attempt 3 (status 202)");
        }
    }

    @Test
    void shouldTimeOutAHangingEndpointAndPageTheNextContact() throws Exception {
        // arrange
        RetryPolicy twoTries = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (LoopbackEndpoint hanging = LoopbackEndpoint.start(Reply.hang());
                LoopbackEndpoint slack = LoopbackEndpoint.start(Reply.status(200, "ok"))) {
            Escalation escalation = escalation(twoTries, contact("oncall-pd", hanging), contact("lb-team", slack));

            // act
            long start = System.nanoTime();
            PageResult result = escalation.page(TestPages.incident());
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            // assert
            assertThat(result.delivered()).isTrue();
            assertThat(result.deliveredTo()).isEqualTo("lb-team");
            assertThat(result.attempts()).hasSize(3);
            assertThat(result.attempts().get(0).error()).isEqualTo("no response within 300 ms");
            assertThat(result.attempts().get(0).durationMs()).isBetween(250L, 2_000L);
            assertThat(result.reason()).contains("after oncall-pd failed 2 attempts");
            assertThat(tookMs).isLessThan(5_000);
            assertThat(hanging.requests()).hasSize(2);
        }
    }

    @Test
    void shouldFallThroughToTheNextContactAfterA400WithoutRetrying() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(400, "{\"status\":\"invalid event\"}"));
                LoopbackEndpoint slack = LoopbackEndpoint.start(Reply.status(200, "ok"))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty), contact("lb-team", slack));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.deliveredTo()).isEqualTo("lb-team");
            assertThat(pagerDuty.requests()).hasSize(1);
            assertThat(sleeper.waits()).isEmpty();
            assertThat(result.attempts()).extracting(Attempt::contact, Attempt::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("oncall-pd", Outcome.REJECTED),
                            org.assertj.core.groups.Tuple.tuple("lb-team", Outcome.DELIVERED));
            assertThat(result.reason()).contains("oncall-pd rejected the page (last: status 400");
        }
    }

    @Test
    void shouldRetryAConnectionErrorAndReportItInWords() throws Exception {
        // arrange: a port that nobody listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Contact nobody = new Contact("oncall-pd", new PagerDutyPager(Secret.of("env:PD", "k"),
                java.net.URI.create("http://127.0.0.1:" + closedPort), null));
        RetryPolicy twoTries = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(1));

        // act
        PageResult result = escalation(twoTries, nobody).page(TestPages.incident());

        // assert
        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(attempt.error()).startsWith("connection failed");
        });
        assertThat(result.reason()).startsWith("undelivered: every contact failed: oncall-pd failed 2 attempts");
    }

    @Test
    void shouldStopRetryingAtTheContactsDeadline() throws Exception {
        // arrange: 500s forever, a 1 s Retry-After, but only 600 ms per contact
        RetryPolicy shortDeadline = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(5));
        try (LoopbackEndpoint failing = LoopbackEndpoint.start(Reply.retryAfter(503, "1"))) {
            Escalation escalation = escalation(shortDeadline, contact("oncall-pd", failing));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.delivered()).isFalse();
            assertThat(result.attempts()).hasSize(1);
            assertThat(result.reason()).contains("would pass its deadline of 600 ms");
        }
    }

    @Test
    void shouldRecordEveryAttemptWithTimeAndDurationAndLogTheOutcome() throws Exception {
        // arrange
        try (LoopbackEndpoint pagerDuty = LoopbackEndpoint.start(Reply.status(502), Reply.status(202))) {
            Escalation escalation = escalation(FAST, contact("oncall-pd", pagerDuty));

            // act
            PageResult result = escalation.page(TestPages.incident());

            // assert
            assertThat(result.attempts()).allSatisfy(attempt -> {
                assertThat(attempt.contact()).isEqualTo("oncall-pd");
                assertThat(attempt.time()).isNotNull();
                assertThat(attempt.durationMs()).isBetween(0L, 5_000L);
            });
            assertThat(result.attempts().get(0).describe()).startsWith("oncall-pd #1 RETRYABLE HTTP 502");
            assertThat(log.entries()).extracting(BufferedLog.Entry::message)
                    .anyMatch(message -> message.contains("delivered to oncall-pd on attempt 2"));
        }
    }

    private Escalation escalation(RetryPolicy policy, Contact... chain) {
        return new Escalation(List.of(chain), policy, Clock.systemUTC(), sleeper,
                RandomGenerator.of("L64X128MixRandom"), log);
    }

    private static Contact contact(String name, LoopbackEndpoint endpoint) {
        return new Contact(name, new PagerDutyPager(Secret.of("env:PD_ROUTING_KEY", "routing-key-0001"),
                endpoint.uri(""), null));
    }
}
