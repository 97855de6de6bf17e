package io.releasegate.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasegate.log.BufferedLog;
import io.releasegate.paging.LoopbackEndpoint.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox as a write-ahead log, paging through it, and flushing it. */
class OutboxTest {
    private static final RetryPolicy ONE_TRY = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
    private final BufferedLog log = new BufferedLog();

    @TempDir
    Path dir;

    @Test
    void shouldKeepAPageAsPendingUntilItIsMarkedDelivered() throws Exception {
        // arrange
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));

        // act
        String id = outbox.append(TestPages.incident(), List.of("oncall-pd", "lb-team"), TestPages.TIME);

        // assert
        assertThat(outbox.pending()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(id);
            assertThat(entry.chain()).containsExactly("oncall-pd", "lb-team");
            assertThat(entry.page()).isEqualTo(TestPages.incident());
        });
        assertThat(Files.readAllLines(outbox.file())).hasSize(1);

        outbox.markDelivered(id, "oncall-pd", Instant.now());
        assertThat(outbox.pending()).isEmpty();
        assertThat(Files.readString(outbox.file())).isEmpty();
    }

    @Test
    void shouldAppendADeliveredMarkerWhileOtherPagesArePending() throws Exception {
        // arrange
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        String first = outbox.append(TestPages.incident(), List.of("a"), TestPages.TIME);
        String second = outbox.append(Page.resolve("other", "lb", TestPages.TIME), List.of("a"), TestPages.TIME);

        // act
        outbox.markDelivered(first, "a", Instant.now());

        // assert
        assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactly(second);
        assertThat(Files.readAllLines(outbox.file())).hasSize(3).last().asString().contains("\"delivered\"");
    }

    @Test
    void shouldLeaveNothingInTheOutboxWhenThePageIsDelivered() throws Exception {
        // arrange
        try (LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
            Paging paging = new Paging(escalation(healthy), outbox, log);

            // act
            PagingReport report = paging.sendAll(List.of(TestPages.incident()));

            // assert
            assertThat(report.status()).isEqualTo(PagingReport.Status.OK);
            assertThat(outbox.pending()).isEmpty();
        }
    }

    @Test
    void shouldKeepAnUndeliveredPageInTheOutboxAndReportError() throws Exception {
        // arrange
        try (LoopbackEndpoint broken = LoopbackEndpoint.start(Reply.status(500))) {
            Outbox outbox = new Outbox(dir.resolve("state/outbox.jsonl"));
            Paging paging = new Paging(escalation(broken), outbox, log);

            // act
            PagingReport report = paging.sendAll(List.of(TestPages.incident()));

            // assert
            assertThat(report.status()).isEqualTo(PagingReport.Status.ERROR);
            assertThat(report.reason()).startsWith("1 of 1 page(s) undelivered, kept in the outbox "
                    + outbox.file()).contains("trigger " + TestPages.KEY).contains("oncall-pd failed 1 attempts");
            assertThat(outbox.pending()).extracting(entry -> entry.page().dedupKey()).containsExactly(TestPages.KEY);
        }
    }

    @Test
    void shouldResendPendingPagesAndKeepOnlyWhatIsStillUndelivered() throws Exception {
        // arrange: two pages waiting; the endpoint accepts the first and rejects the second
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        outbox.append(TestPages.incident(), List.of("oncall-pd"), TestPages.TIME);
        Page other = Page.trigger("release-gate/prod/api/ffffffffffff", "api pool lost a server")
                .timestamp(TestPages.TIME).build();
        outbox.append(other, List.of("oncall-pd"), TestPages.TIME);
        try (LoopbackEndpoint endpoint = LoopbackEndpoint.start(request -> request.text().contains("api pool")
                ? Reply.status(500) : Reply.status(202))) {
            Escalation escalation = escalation(endpoint);

            // act
            FlushResult result = outbox.flush(entry -> escalation.page(entry.page()));

            // assert
            assertThat(result.results()).extracting(PageResult::delivered).containsExactly(true, false);
            assertThat(result.stillUndelivered()).isEqualTo(1);
            assertThat(outbox.pending()).extracting(entry -> entry.page().dedupKey())
                    .containsExactly("release-gate/prod/api/ffffffffffff");
            assertThat(Files.readAllLines(outbox.file())).hasSize(1);
            assertThat(endpoint.requests().get(0).json().at("/payload/timestamp").asText())
                    .isEqualTo("2026-11-24T04:35:01.123Z");
        }
    }

    @Test
    void shouldQuarantineUnreadableLinesAndStillResendEveryOtherPage() throws Exception {
        // arrange: a page, a line that is not UTF-8, a line cut short by a crash, another page
        Path file = dir.resolve("outbox.jsonl");
        Outbox outbox = new Outbox(file);
        outbox.append(TestPages.incident(), List.of("oncall-pd"), TestPages.TIME);
        byte[] notUtf8 = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        byte[] cut = "{\"type\":\"page\",\"id\":\"x\",\"trunc".getBytes(StandardCharsets.UTF_8);
        append(file, notUtf8, new byte[] {'\n'}, cut, new byte[] {'\n'});
        Page other = Page.trigger("release-gate/prod/api/ffffffffffff", "api pool lost a server")
                .timestamp(TestPages.TIME).build();
        outbox.append(other, List.of("oncall-pd"), TestPages.TIME);
        try (LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            Escalation escalation = escalation(healthy);

            // act
            FlushResult result = outbox.flush(entry -> escalation.page(entry.page()));

            // assert
            assertThat(result.results()).extracting(PageResult::delivered).containsExactly(true, true);
            assertThat(healthy.requests()).hasSize(2);
            assertThat(result.quarantined()).containsExactly("line 2: not valid UTF-8",
                    "line 3: not valid JSON (Unexpected end-of-input in field name)");
            assertThat(result.quarantineFile()).isEqualTo(dir.resolve("outbox.jsonl.quarantine"));
            assertThat(result.allDelivered()).isTrue();
            assertThat(Files.readAllBytes(result.quarantineFile())).as("byte for byte")
                    .isEqualTo(concat(notUtf8, new byte[] {'\n'}, cut, new byte[] {'\n'}));
            assertThat(Files.readString(file)).isEmpty();
            assertThat(outbox.pending()).isEmpty();
        }
    }

    @Test
    void shouldNotQuarantineALineTwiceWhenAFlushDiedBeforeRewritingTheOutbox() throws Exception {
        // arrange: the quarantine file already holds the bad line (the crash came between the two renames)
        Path file = dir.resolve("outbox.jsonl");
        Outbox outbox = new Outbox(file);
        byte[] bad = {'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        append(file, bad, new byte[] {'\n'});
        Files.write(outbox.quarantineFile(), concat(bad, new byte[] {'\n'}));

        // act
        FlushResult result = outbox.flush(entry -> {
            throw new AssertionError("nothing to resend");
        });

        // assert
        assertThat(result.quarantined()).singleElement().asString().startsWith("line 1: not valid JSON");
        assertThat(Files.readAllBytes(outbox.quarantineFile())).isEqualTo(concat(bad, new byte[] {'\n'}));
        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    void shouldReadThePendingPagesAroundALineThatIsNotUtf8() throws Exception {
        // arrange
        Path file = dir.resolve("outbox.jsonl");
        Outbox outbox = new Outbox(file);
        append(file, new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
        String id = outbox.append(TestPages.incident(), List.of("oncall-pd"), TestPages.TIME);

        // act
        outbox.markDelivered(id, "oncall-pd", Instant.now());

        // assert: the delivery was recorded; the bad line waits for the next flush
        assertThat(outbox.pending()).isEmpty();
        assertThat(Files.readAllBytes(file)).startsWith((byte) 0xFF, (byte) 0xFE, (byte) '\n');
    }

    private static void append(Path file, byte[]... parts) throws java.io.IOException {
        Files.write(file, concat(parts), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldStartANewLineAfterALineThatWasCutShort() throws Exception {
        // arrange
        Path file = dir.resolve("outbox.jsonl");
        Files.writeString(file, "{\"type\":\"page\",\"id\":\"cut");
        Outbox outbox = new Outbox(file);

        // act
        outbox.append(TestPages.incident(), List.of("oncall-pd"), TestPages.TIME);

        // assert
        assertThat(outbox.pending()).extracting(entry -> entry.page().dedupKey()).containsExactly(TestPages.KEY);
        assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("{\"type\":\"page\",\"id\":\"cut");
    }

    @Test
    void shouldNotLoseAPageAppendedWhileAFlushWasSending() throws Exception {
        // arrange
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"));
        outbox.append(TestPages.incident(), List.of("oncall-pd"), TestPages.TIME);
        Page late = Page.trigger("late", "appended during the flush").timestamp(TestPages.TIME).build();
        try (LoopbackEndpoint healthy = LoopbackEndpoint.start(Reply.status(202))) {
            Escalation escalation = escalation(healthy);

            // act
            FlushResult result = outbox.flush(entry -> {
                try {
                    outbox.append(late, List.of("oncall-pd"), Instant.now());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return escalation.page(entry.page());
            });

            // assert
            assertThat(result.stillUndelivered()).isEqualTo(1);
            assertThat(outbox.pending()).extracting(entry -> entry.page().dedupKey()).containsExactly("late");
        }
    }

    @Test
    void shouldSayThatAnUndeliveredPageWasNotKeptWhenTheOutboxCannotBeWritten() throws Exception {
        // arrange: the outbox's directory is a regular file
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        try (LoopbackEndpoint broken = LoopbackEndpoint.start(Reply.status(500))) {
            Paging paging = new Paging(escalation(broken), new Outbox(notADirectory.resolve("outbox.jsonl")), log);

            // act
            PageResult result = paging.send(TestPages.incident());

            // assert
            assertThat(result.delivered()).isFalse();
            assertThat(result.reason()).contains("; NOT kept: the outbox " + notADirectory.resolve("outbox.jsonl")
                    + " could not be written");
        }
    }

    @Test
    void shouldNeitherWriteNorReadThroughALinkPlantedAsTheOutboxOrItsLock() throws Exception {
        // arrange: a checkout of the change holds links where the outbox and its lock go, and a planted temp name
        Path victim = Files.writeString(dir.resolve("victim"), "# someone's file\n");
        Path elsewhere = dir.resolve("not-yet");
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createSymbolicLink(checkout.resolve("outbox.jsonl"), victim);
        Files.createSymbolicLink(checkout.resolve("other.jsonl.lock"), elsewhere);
        try (LoopbackEndpoint endpoint = LoopbackEndpoint.start(Reply.status(500))) {
            Paging linked = new Paging(escalation(endpoint), new Outbox(checkout.resolve("outbox.jsonl")), log);
            Paging locked = new Paging(escalation(endpoint), new Outbox(checkout.resolve("other.jsonl")), log);

            // act
            PageResult first = linked.send(TestPages.incident());
            PageResult second = locked.send(TestPages.incident());

            // assert: the pages were still sent, and said where they could not be kept and why
            assertThat(endpoint.requests()).hasSize(2);
            assertThat(first.reason()).contains("NOT kept: the outbox " + checkout.resolve("outbox.jsonl")
                    + " could not be written (FileSystemException: " + checkout.resolve("outbox.jsonl")
                    + ": is a symbolic link; the outbox reads and writes only regular files)");
            assertThat(second.reason()).contains("other.jsonl.lock: is a symbolic link");
        }
        assertThat(Files.readString(victim)).isEqualTo("# someone's file\n");
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void shouldPrepareWithoutSendingAnything() throws Exception {
        // arrange
        try (LoopbackEndpoint endpoint = LoopbackEndpoint.start(Reply.status(202))) {
            Outbox outbox = new Outbox(dir.resolve("state/outbox.jsonl"));
            Paging paging = new Paging(escalation(endpoint), outbox, log);

            // act
            paging.prepare();

            // assert
            assertThat(endpoint.requests()).isEmpty();
            assertThat(outbox.pending()).isEmpty();
            assertThat(dir.resolve("state")).isDirectory();
            assertThat(log.entries()).isEmpty();
        }
    }

    private Escalation escalation(LoopbackEndpoint endpoint) {
        return new Escalation(List.of(new Contact("oncall-pd", new PagerDutyPager(Secret.of("env:PD", "key-1"),
                endpoint.uri(""), null))), ONE_TRY, Clock.systemUTC(), Sleeper.SYSTEM,
                RandomGenerator.of("L64X128MixRandom"), log);
    }
}
