package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.LogSink;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page survives the death of the process that was delivering it, and a flush delivers it afterwards. */
class OutboxKillITest {
    @TempDir
    Path dir;

    @Test
    void shouldFlushAPageWhoseSenderWasKilledMidDelivery() throws Exception {
        // arrange: a separate JVM pages a webhook that never answers
        Path outbox = dir.resolve("outbox.jsonl");
        Process child = null;
        try (LoopbackEndpoint hanging = LoopbackEndpoint.start(Reply.hang());
                LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", testClassPath(), OutboxChild.class.getName(), hanging.uri("/hook").toString(),
                    outbox.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            assertThat(hanging.awaitRequests(1, Duration.ofSeconds(30)))
                    .as("the child started delivering; its log: %s", Files.exists(dir.resolve("child.log"))
                            ? Files.readString(dir.resolve("child.log")) : "")
                    .isTrue();
            assertThat(new Outbox(outbox).pending()).hasSize(1);

            // act: kill it mid-delivery, then flush to a healthy endpoint
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Escalation escalation = new Escalation(List.of(new Contact("hook",
                    new WebhookPager(Secret.of("arg:url", healthy.uri("/hook").toString()), null))),
                    RetryPolicy.DEFAULT, LogSink.NONE);
            FlushResult result = new Outbox(outbox).flush(entry -> escalation.page(entry.page()));

            // assert
            assertThat(result.results()).singleElement().extracting(PageResult::delivered).isEqualTo(true);
            assertThat(result.allDelivered()).isTrue();
            assertThat(healthy.requests()).singleElement()
                    .satisfies(request -> assertThat(request.json()).isEqualTo(PageJson.toJson(TestPages.incident())));
            assertThat(new Outbox(outbox).pending()).isEmpty();
            assertThat(Files.readString(outbox)).isEmpty();
        } finally {
            if (child != null) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "")
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
