package io.releasegate.paging;

import io.releasegate.log.LogSink;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends pages through an {@link Escalation} with the {@link Outbox} as a write-ahead log: each page is in the
 * outbox before the first attempt and leaves it only once delivered. Without an outbox, undelivered pages are only
 * reported. When the outbox cannot be written the page is still sent, and the failure is logged.
 */
public final class Paging {
    private final Escalation escalation;
    private final Outbox outbox;
    private final Clock clock;
    private final LogSink log;

    /** {@code outbox} may be null. */
    public Paging(Escalation escalation, Outbox outbox, Clock clock, LogSink log) {
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.outbox = outbox;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    public Paging(Escalation escalation, Outbox outbox, LogSink log) {
        this(escalation, outbox, Clock.systemUTC(), log);
    }

    /**
     * Loads and initialises, without sending anything, what the first page needs (JSON rendering of every wire
     * format, the HTTP client, the outbox and its lock), so that a gate can pay this at start-up rather than
     * between "verification failed" and the page. Optional; safe to call more than once.
     */
    public void prepare() {
        Page sample = Page.trigger("release-gate/prepare/prepare/000000000000", "prepare")
                .detail("prepare", java.util.List.of(1, true)).link("http://127.0.0.1/", "prepare")
                .timestamp(clock.instant()).build();
        PageJson.fromJson(PageJson.toJson(sample));
        PageJson.bytes(PagerDutyPager.event(sample, "prepare", null));
        PageJson.bytes(SlackPager.message(sample));
        PageJson.bytes(TeamsPager.message(sample));
        HttpDelivery.prepare();
        if (outbox != null) {
            try {
                outbox.pending();
            } catch (IOException e) {
                log.warn("the outbox %s cannot be read: %s", outbox.file(), describe(e));
            }
        }
    }

    /** Sends one page along the chain; never throws for delivery or outbox problems. */
    public PageResult send(Page page) {
        String id = null;
        String outboxProblem = null;
        if (outbox != null) {
            try {
                id = outbox.append(page, escalation.contactNames(), clock.instant());
            } catch (IOException e) {
                outboxProblem = "the outbox " + outbox.file() + " could not be written (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + ")";
                log.error("page %s: %s", page.dedupKey(), outboxProblem);
            }
        }
        PageResult result = escalation.page(page);
        if (!result.delivered() && outboxProblem != null) {
            return new PageResult(page, false, null, result.attempts(), result.reason() + "; NOT kept: "
                    + outboxProblem);
        }
        if (result.delivered() && id != null) {
            try {
                outbox.markDelivered(id, result.deliveredTo(), clock.instant());
            } catch (IOException e) {
                log.warn("page %s was delivered but the outbox %s could not record it (%s); a flush would send it"
                        + " again with the same dedup key", page.dedupKey(), outbox.file(),
                        describe(e));
            }
        } else if (!result.delivered() && id != null) {
            log.error("page %s is undelivered and waits in the outbox %s", page.dedupKey(), outbox.file());
        }
        return result;
    }

    /** An outbox problem in words: the exception's kind, and what the file system said of which file. */
    private static String describe(IOException e) {
        return e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName();
    }

    /** Sends the pages in order and reports OK or ERROR. */
    public PagingReport sendAll(List<Page> pages) {
        List<PageResult> results = new ArrayList<>();
        for (Page page : pages) {
            results.add(send(page));
        }
        return new PagingReport(results, outbox == null ? null : outbox.file().toString());
    }
}
