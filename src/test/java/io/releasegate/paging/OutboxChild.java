package io.releasegate.paging;

import io.releasegate.log.LogSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run in a separate JVM by {@link OutboxKillITest}: pages a webhook (which hangs) through an outbox, with a long
 * timeout, so the test can kill this process mid-delivery. Arguments: webhook URL, outbox file.
 */
final class OutboxChild {
    private OutboxChild() {
    }

    public static void main(String[] args) {
        Contact hook = new Contact("hook", new WebhookPager(Secret.of("arg:url", args[0]), null));
        RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(1));
        Paging paging = new Paging(new Escalation(List.of(hook), patient, LogSink.NONE),
                new Outbox(Path.of(args[1])), LogSink.NONE);
        paging.send(TestPages.incident());
        System.exit(0);
    }
}
