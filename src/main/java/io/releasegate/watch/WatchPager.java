package io.releasegate.watch;

import io.releasegate.log.LogSink;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.FlushResult;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import io.releasegate.paging.Paging;
import io.releasegate.paging.Secrets;
import io.releasegate.paging.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the watch's pages on a thread of their own, in order, through {@link Paging} with the outbox as its
 * write-ahead log: a pager that is down delays no cycle, and what it did not take waits in the outbox and is resent
 * by {@link #flush()} every cycle. Routes name contacts of the operator's escalation configuration only (a name it
 * does not know is dropped from the route with a warning, never reached by any other means).
 */
public final class WatchPager implements AutoCloseable {
    private final EscalationConfig config;
    private final Secrets secrets;
    private final Outbox outbox;
    private final Incidents incidents;
    private final Clock clock;
    private final LogSink log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "release-gate-watch-pager");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger undelivered = new AtomicInteger();
    private final List<PageResult> results = new ArrayList<>();

    public WatchPager(EscalationConfig config, Secrets secrets, Outbox outbox, Incidents incidents, Clock clock,
            LogSink log) {
        this.config = config;
        this.secrets = secrets;
        this.outbox = outbox;
        this.incidents = incidents;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Queues {@code page} for the contacts of {@code order}'s route: along it (the first contact that takes it), and
     * a resolve to each of them (every contact that took a trigger must hear that it is over).
     */
    public void submit(PageOrder order, Page page) {
        List<String> chain = contacts(order.route());
        if (order.kind() == PageOrder.Kind.RESOLVE && chain.size() > 1) {
            for (String contact : chain) {
                send(order, page, List.of(contact));
            }
            return;
        }
        send(order, page, chain);
    }

    private void send(PageOrder order, Page page, List<String> chain) {
        thread.execute(() -> {
            PageResult result = new Paging(config.escalation(chain, secrets, clock, Sleeper.SYSTEM,
                    new SplittableRandom(), log), outbox, clock, log).send(page);
            record(order.key(), result);
        });
    }

    /** Queues a resend of what the outbox holds (pages a contact did not take earlier). */
    public void flush() {
        thread.execute(() -> {
            try {
                if (outbox.pending().isEmpty()) {
                    undelivered.set(0);
                    return;
                }
                FlushResult flushed = outbox.flush(entry -> config.escalation(config.chainFor(entry), secrets, clock,
                        Sleeper.SYSTEM, new SplittableRandom(), log).page(entry.page()));
                for (PageResult result : flushed.results()) {
                    record(keyOf(result.page()), result);
                }
                undelivered.set(flushed.stillUndelivered());
                if (!flushed.results().isEmpty()) {
                    log.info("watch: outbox %s: %d resent, %d still undelivered", outbox.file(),
                            flushed.results().stream().filter(PageResult::delivered).count(),
                            flushed.stillUndelivered());
                }
            } catch (IOException e) {
                log.error("watch: the outbox %s cannot be read: %s", outbox.file(),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
    }

    /** Pages waiting in the outbox after the last send or flush. */
    public int undelivered() {
        return undelivered.get();
    }

    /** Every page result so far, in order (for reports and tests). */
    public List<PageResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /** Waits until everything queued so far is sent (bounded). */
    public boolean drain(long timeoutMillis) {
        var done = new java.util.concurrent.CountDownLatch(1);
        thread.execute(done::countDown);
        try {
            return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(String key, PageResult result) {
        synchronized (results) {
            results.add(result);
        }
        if (result.delivered()) {
            Optional.ofNullable(key).ifPresent(k -> incidents.delivered(k, result.deliveredTo()));
        } else {
            undelivered.incrementAndGet();
        }
    }

    /** The incident key of a watch page: its dedup key after {@code release-gate/watch/}. */
    private static String keyOf(Page page) {
        String prefix = WatchPages.KEY_PREFIX;
        return page.dedupKey().startsWith(prefix) ? page.dedupKey().substring(prefix.length()) : null;
    }

    private List<String> contacts(List<String> route) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : route) {
            if (entry.equals(PageOrder.CHAIN)) {
                names.addAll(config.chain());
            } else if (config.contacts().containsKey(entry)) {
                names.add(entry);
            } else {
                log.warn("watch: contact '%s' is not in escalation.contacts of the operator's policy: not paged",
                        entry);
            }
        }
        return names.isEmpty() ? config.chain() : List.copyOf(names);
    }

    /** Sends what is queued (up to 30 s), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("watch: pages still being sent after 30 s are left to the outbox");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
