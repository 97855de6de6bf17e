package io.releasegate.watch;

import io.releasegate.log.LogSink;
import io.releasegate.metrics.WatchMetrics;
import io.releasegate.paging.Severity;
import io.releasegate.verify.Words;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The watch loop: every cycle it re-reads the repository when HEAD moved, checks each pool, turns failures into
 * findings and findings into pages ({@link Incidents}), records the metrics and resends what the outbox holds. A
 * cycle never throws: whatever goes wrong is a finding of its own. {@link #stop()} (SIGTERM) ends the loop after the
 * current pool, without cutting a page short.
 */
public final class Watcher {
    /** The pseudo-pool of findings about the watch's own repository. */
    public static final String REPOSITORY = "repository";

    private final RepositoryView repository;
    private final Function<RepositoryView.Snapshot, List<String>> pools;
    private final PoolCheck check;
    private final Incidents incidents;
    private final Optional<WatchPager> pager;
    private final Optional<WatchMetrics> metrics;
    private final Clock clock;
    private final LogSink log;
    private final Consumer<String> out;
    private final Set<String> knownCauses = new LinkedHashSet<>();
    private volatile boolean stopping;
    private volatile Thread runner;
    private long cycles;

    /**
     * @param pools which pools to check in a revision (the {@code --pool} names, or every pool the watch section
     *              names)
     * @param out   one line per cycle and pool, for people
     */
    public Watcher(RepositoryView repository, Function<RepositoryView.Snapshot, List<String>> pools, PoolCheck check,
            Incidents incidents, Optional<WatchPager> pager, Optional<WatchMetrics> metrics, Clock clock, LogSink log,
            Consumer<String> out) {
        this.repository = repository;
        this.pools = pools;
        this.check = check;
        this.incidents = incidents;
        this.pager = pager;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
        this.out = out;
    }

    /** Runs one cycle. */
    public CycleReport cycle() {
        long started = System.nanoTime();
        Instant at = clock.instant();
        long number = ++cycles;
        RepositoryView.Refresh refresh = repository.refresh();
        Optional<RepositoryView.Snapshot> snapshot = repository.current();
        if (refresh.moved()) {
            snapshot.ifPresent(s -> out.accept("watch: checking against " + s.shortSha() + " (HEAD moved)"
                    + (s.errors().isEmpty() ? "" : "; unreadable: " + String.join("; ", s.errors()))));
        }
        List<Finding> allFindings = new ArrayList<>();
        List<PageOrder> allPages = new ArrayList<>();
        List<Finding> repositoryFindings = refresh.problem().map(problem -> List.of(new Finding(REPOSITORY,
                "unreadable", Severity.WARNING, "the repository cannot be read since " + refresh.since() + ": "
                        + problem, List.of(problem), incidents.failAfter(), List.of()))).orElse(List.of());
        refresh.problem().ifPresent(problem -> out.accept("watch: repository: " + problem));
        allFindings.addAll(repositoryFindings);
        allPages.addAll(page(REPOSITORY, repositoryFindings, at));
        Map<String, String> verdicts = new LinkedHashMap<>();
        long requests = 0;
        if (snapshot.isPresent()) {
            check.startCycle();
            List<String> names = pools.apply(snapshot.get());
            for (String pool : names) {
                if (stopping) {
                    break;
                }
                List<Finding> findings;
                String line;
                try {
                    PoolResult result = check.check(pool, snapshot.get(), names.size(), log);
                    requests += result.verification().requests();
                    findings = Findings.of(pool, result.verification(), result.holds(), clock.instant(),
                            snapshot.get().policy().holds().reminder(), incidents.failAfter());
                    verdicts.put(pool, result.verification().verdict().name());
                    metrics.ifPresent(m -> m.record(MetricsSamples.of(result, clock.instant())));
                    line = pool + " " + result.verification().verdict() + " (" + result.verification().requests()
                            + " " + Words.plural(result.verification().requests(), "request") + ", "
                            + result.verification().durationMs() + " ms)" + held(result);
                } catch (RuntimeException e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    findings = List.of(Findings.unverifiable(pool, reason, incidents.failAfter()));
                    verdicts.put(pool, "ERROR");
                    line = pool + " ERROR";
                }
                allFindings.addAll(findings);
                List<PageOrder> pages = page(pool, findings, at);
                allPages.addAll(pages);
                out.accept(describe(number, line, findings, pages));
                recordConditions(pool, findings);
            }
        }
        pager.ifPresent(WatchPager::flush);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long sent = requests;
        metrics.ifPresent(m -> m.cycle(took.toMillis() / 1000.0, sent, clock.instant().toEpochMilli() / 1000.0));
        return new CycleReport(number, at, took, snapshot.map(RepositoryView.Snapshot::shortSha), verdicts,
                allFindings, allPages, refresh.problem(), requests);
    }

    /**
     * Runs cycles every {@code every} until {@link #stop()}; with {@code once}, one cycle.
     *
     * @return the last cycle's report
     */
    public CycleReport run(Duration every, boolean once) {
        runner = Thread.currentThread();
        CycleReport last = null;
        while (!stopping) {
            long started = System.nanoTime();
            last = cycle();
            if (once || stopping) {
                break;
            }
            long waitNanos = every.toNanos() - (System.nanoTime() - started);
            if (waitNanos <= 0) {
                log.warn("watch: cycle %d took %d ms, longer than --every %d ms: the next starts at once",
                        last.number(), last.took().toMillis(), every.toMillis());
                continue;
            }
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                }
                break;
            }
        }
        runner = null;
        if (stopping) {
            // stop()'s interrupt ended a check or the sleep: it must not reach what the caller does next (the pager's
            // close would give up on the pages still being sent and cut the outbox flush short)
            Thread.interrupted();
        }
        return last;
    }

    /** Ends {@link #run} after the pool being checked; a sleep between cycles ends at once. */
    public void stop() {
        stopping = true;
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    public long cycles() {
        return cycles;
    }

    private List<PageOrder> page(String pool, List<Finding> findings, Instant at) {
        List<PageOrder> orders = incidents.observe(pool, findings);
        for (PageOrder order : orders) {
            int streak = Optional.ofNullable(incidents.open().get(order.key())).map(Incidents.Streak::cycles)
                    .orElse(0);
            if (pager.isPresent()) {
                pager.get().submit(order, WatchPages.page(order, streak, at));
            } else {
                log.warn("watch: no escalation: section: not paged: %s %s", order.kind(), order.finding().summary());
            }
        }
        return orders;
    }

    /** The holds in force, one line each: what the operator sees is excused, and until when. */
    private String held(PoolResult result) {
        StringBuilder text = new StringBuilder();
        Instant now = clock.instant();
        for (io.releasegate.hold.Hold hold : result.holds()) {
            if (hold.activeAt(now)) {
                text.append("\n  held: ").append(hold.server()).append(" until ")
                        .append(io.releasegate.hold.HoldTimes.clock(hold.until(), now)).append(" (")
                        .append(hold.byWhom()).append("), ").append(io.releasegate.hold.HoldTimes.duration(
                                hold.remaining(now))).append(" left");
            }
        }
        return text.toString();
    }

    private void recordConditions(String pool, List<Finding> findings) {
        if (metrics.isEmpty()) {
            return;
        }
        Set<String> failing = new LinkedHashSet<>();
        findings.forEach(f -> failing.add(f.cause()));
        synchronized (knownCauses) {
            failing.forEach(cause -> knownCauses.add(pool + "\u0000" + cause));
            Set<String> known = new LinkedHashSet<>();
            knownCauses.stream().filter(k -> k.startsWith(pool + "\u0000"))
                    .forEach(k -> known.add(k.substring(pool.length() + 1)));
            metrics.get().conditions(pool, failing, known);
        }
    }

    private String describe(long number, String line, List<Finding> findings, List<PageOrder> pages) {
        StringBuilder text = new StringBuilder("watch: cycle ").append(number).append(": ").append(line);
        for (Finding finding : findings) {
            Incidents.Streak streak = incidents.open().get(finding.key());
            int cycles = streak == null ? 0 : streak.cycles();
            text.append("\n  ").append(finding.severity().wire()).append(' ').append(finding.cause()).append(" (")
                    .append(cycles).append(' ').append(Words.plural(cycles, "cycle")).append("): ").append(finding.summary());
        }
        for (PageOrder page : pages) {
            text.append("\n  page ").append(page.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(WatchPages.KEY_PREFIX).append(page.key());
        }
        return text.toString();
    }
}
