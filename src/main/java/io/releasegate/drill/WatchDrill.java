package io.releasegate.drill;

import io.releasegate.config.ConfigParseException;
import io.releasegate.diff.RepositoryException;
import io.releasegate.diff.ScratchRepository;
import io.releasegate.gate.GateInputs;
import io.releasegate.hold.Hold;
import io.releasegate.hold.Holds;
import io.releasegate.hold.HoldsFile;
import io.releasegate.log.LogSink;
import io.releasegate.log.TimedStep;
import io.releasegate.log.Timeline;
import io.releasegate.paging.EscalationConfig;
import io.releasegate.paging.EscalationConfigException;
import io.releasegate.paging.Outbox;
import io.releasegate.paging.Secrets;
import io.releasegate.verify.Verifier;
import io.releasegate.watch.Incidents;
import io.releasegate.watch.RepositoryView;
import io.releasegate.watch.VerifyingPoolCheck;
import io.releasegate.watch.WatchPager;
import io.releasegate.watch.Watcher;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The drill scenarios the watch plays out, between deploys, with nothing installed but Java: the incident as it
 * really happened ({@code forgotten-hold}: web-02 taken out under a short hold, the hold ends, the watch pages its
 * owner within one cycle, then the on-call chain; the owner puts it back and the pages resolve) and a backend that
 * turns slow ({@code slow-backend}: one slow cycle pages nobody, the second does, the fix resolves). The watch runs
 * every 2 seconds on its own thread, as {@code release-gate watch} would; the drill acts on the pieces in between.
 */
final class WatchDrill implements AutoCloseable {
    /** The watch scenarios. */
    enum Kind { FORGOTTEN_HOLD, SLOW_BACKEND }

    private static final String OPERATOR = "Alice Ops";
    private static final String OPERATOR_EMAIL = "alice@drill.invalid";
    private static final Duration HOLD = Duration.ofSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** The watch's cycle in the drill. */
    static final Duration EVERY = Duration.ofSeconds(2);
    private final DrillOptions options;
    private final Kind kind;
    private final LogSink log;
    private final Pieces pieces;
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Timeline timeline = new Timeline();
    private final List<TimedStep> steps = new CopyOnWriteArrayList<>();
    private final List<String> cycles = new CopyOnWriteArrayList<>();

    WatchDrill(DrillOptions options, Kind kind, LogSink log) {
        this.options = options;
        this.kind = kind;
        this.log = log;
        this.pieces = new Pieces(log);
    }

    DrillResult run() throws IOException {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String routingKey = HexFormat.of().formatHex(key);
        long start = timeline.now();
        PagerDutyEndpoint oncall = keep(PagerDutyEndpoint.start(routingKey));
        PagerDutyEndpoint alice = keep(PagerDutyEndpoint.start(routingKey));
        DrillBackend web01 = keep(DrillBackend.start("web-01", Drill.OVERLOAD * options.rate()));
        DrillBackend web02 = keep(DrillBackend.start("web-02", Drill.OVERLOAD * options.rate()));
        endpoints.put("web-01", "http://" + web01.address() + "/");
        endpoints.put("web-02", "http://" + web02.address() + "/");
        endpoints.put("PagerDuty Events v2 (on-call chain)", oncall.baseUrl() + "/v2/enqueue");
        endpoints.put("PagerDuty Events v2 (alice)", alice.baseUrl() + "/v2/enqueue");
        steps.add(timeline.record("start backends", TimedStep.Status.OK, start, "web-01 at " + web01.address()
                + ", web-02 at " + web02.address() + ", PagerDuty endpoints of the on-call chain at "
                + oncall.baseUrl() + " and of alice at " + alice.baseUrl()));

        start = timeline.now();
        int lbPort = Loopback.freePort();
        String lbUrl = "http://127.0.0.1:" + lbPort + "/";
        Path repoDir = options.workDir().resolve("repo");
        String path = DrillFiles.configPath(options.balancer());
        ScratchRepository repo;
        try {
            repo = keep(ScratchRepository.init(repoDir));
            repo.write(path, DrillFiles.config(options.balancer(), lbPort, web01.address(), web02.address(),
                    DrillFiles.Shape.BOTH));
            repo.write(".releasegate.yml", DrillFiles.watchPolicy(lbUrl, options.rate() / 2,
                    oncall.baseUrl().toString(), alice.baseUrl().toString(), "5s"));
            String base = repo.commit("web: web-01 and web-02 behind round robin, watched", OPERATOR, OPERATOR_EMAIL);
            steps.add(timeline.record("create repository", TimedStep.Status.OK, start, repoDir + ": " + path
                    + " and .releasegate.yml (watch: every 2 s, a cause pages after 2 failing cycles) at "
                    + base.substring(0, 10)));
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
        endpoints.put("repository", repoDir.toString());
        start = timeline.now();
        DrillBalancer balancer = keep(Drill.balancer(options, lbPort));
        balancer.apply(path, Drill.read(repoDir, "HEAD", path));
        endpoints.put("load balancer", balancer.url().toString());
        steps.add(timeline.record("start load balancer", TimedStep.Status.OK, start, balancer.describe()));

        Watcher watcher = watcher(repoDir, routingKey);
        Thread loop = new Thread(() -> watcher.run(EVERY, false), "drill-watch");
        loop.setDaemon(true);
        loop.start();
        List<String> findings;
        try {
            awaitCycle(line -> line.contains(" web PASS") && !line.contains("\n"), "a first passing cycle");
            findings = kind == Kind.FORGOTTEN_HOLD
                    ? forgottenHold(repo, repoDir, path, balancer, lbPort, web01, web02, oncall, alice)
                    : slowBackend(web02, oncall);
        } finally {
            watcher.stop();
            try {
                loop.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pager.close();
        }
        boolean caught = findings.stream().allMatch(f -> f.startsWith("ok: "));
        List<PagerDutyEndpoint.Event> events = new ArrayList<>();
        oncall.events().forEach(e -> events.add(labelled(e, "on-call chain")));
        alice.events().forEach(e -> events.add(labelled(e, "alice")));
        events.sort(Comparator.comparingLong(PagerDutyEndpoint.Event::receivedNanos));
        List<TimedStep> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparingLong(TimedStep::startMs));
        String headline = kind == Kind.FORGOTTEN_HOLD
                ? (caught ? "the watch paged the forgotten hold within one cycle" : "the watch MISSED part of the "
                        + "forgotten hold")
                : (caught ? "the watch paged the slow backend after two cycles" : "the watch MISSED part of the "
                        + "slow backend");
        return new DrillResult(kind == Kind.FORGOTTEN_HOLD ? "forgotten-hold" : "slow-backend", headline, caught,
                findings, null, ordered, events, endpoints, options.workDir(), timeline.now());
    }

    private WatchPager pager;

    private Watcher watcher(Path repoDir, String routingKey) throws IOException {
        Clock clock = Clock.systemUTC();
        RepositoryView view = new RepositoryView(repoDir, "HEAD", Optional.empty(), clock);
        view.refresh();
        RepositoryView.Snapshot snapshot = view.current().orElseThrow(() -> new IOException("the drill repository "
                + "cannot be read"));
        Secrets secrets = Secrets.from(Map.of(DrillFiles.ROUTING_KEY_VARIABLE, routingKey));
        EscalationConfig escalation;
        try {
            escalation = GateInputs.escalation(snapshot.policy().escalation().orElseThrow(), secrets);
        } catch (ConfigParseException | EscalationConfigException e) {
            throw new IOException("the drill's escalation: " + e.getMessage(), e);
        }
        Incidents incidents = new Incidents(2);
        pager = new WatchPager(escalation, secrets, new Outbox(options.workDir().resolve("outbox.jsonl")), incidents,
                clock, log);
        VerifyingPoolCheck check = new VerifyingPoolCheck(new Verifier(), clock, event -> step("watch", true,
                event));
        return new Watcher(view, s -> List.of(DrillFiles.POOL), check, incidents, Optional.of(pager),
                Optional.empty(), clock, log, this::cycle);
    }

    private List<String> forgottenHold(ScratchRepository repo, Path repoDir, String path, DrillBalancer balancer,
            int lbPort, DrillBackend web01, DrillBackend web02, PagerDutyEndpoint oncall, PagerDutyEndpoint alice)
            throws IOException {
        List<String> findings = new ArrayList<>();
        awaitCycle(line -> line.startsWith("watch: cycle "), "the end of a cycle");
        long start = timeline.now();
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant until = since.plus(HOLD);
        Hold hold = new Hold(DrillFiles.POOL, "web-02", since, until, "load test", "alice", "alice", HoldsFile.PATH,
                0);
        try {
            repo.write(HoldsFile.PATH, HoldsFile.render(Holds.none(HoldsFile.PATH).with(hold)));
            repo.write(path, DrillFiles.config(options.balancer(), lbPort, web01.address(), web02.address(),
                    DrillFiles.Shape.BOTH.withoutWeb02("taken out for a load test (hold until " + until + ")")));
            String sha = repo.commit("web: take web-02 out for a load test, hold until " + until, OPERATOR,
                    OPERATOR_EMAIL);
            balancer.apply(path, Drill.read(repoDir, sha, path));
            steps.add(timeline.record("hold web-02", TimedStep.Status.OK, start, "alice takes web-02 out for a "
                    + "load test under a hold until " + until + " (" + HOLD.toSeconds() + " s, reminder 5 s before, "
                    + "contact alice), committed at " + sha.substring(0, 10) + " and loaded: " + balancer.describe()));
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
        long held = start;
        boolean planned = awaitCycle(line -> line.contains(" web PASS") && cycleAfter(held), "a passing cycle "
                + "during the hold");
        findings.add(Drill.check(planned, "during the hold the watch passes: web-02 is out as planned"));
        boolean reminded = await(() -> alice.events().stream().anyMatch(e -> e.action().equals("trigger")
                && "warning".equals(e.severity())), "the reminder to alice");
        findings.add(Drill.check(reminded, "alice is reminded before the hold ends: " + summary(alice, "warning")));
        steps.add(timeline.record("the load test ends", TimedStep.Status.OK, timeline.now(), "nobody puts web-02 "
                + "back: the hold ends at " + until));
        boolean paged = await(() -> alice.events().stream().anyMatch(e -> e.action().equals("trigger")
                && "critical".equals(e.severity())), "the page to alice after the hold ended");
        long afterEnd = alice.events().stream().filter(e -> "critical".equals(e.severity())).findFirst()
                .map(e -> Duration.between(until, e.received()).toMillis()).orElse(-1L);
        findings.add(Drill.check(paged && afterEnd >= 0 && afterEnd <= EVERY.toMillis() + 2_000,
                "the first cycle after the hold ended pages alice (" + afterEnd + " ms after the end, the watch "
                        + "checks every " + EVERY.toSeconds() + " s): " + summary(alice, "critical")));
        boolean escalated = await(() -> oncall.events().stream().anyMatch(e -> e.action().equals("trigger")),
                "the escalation to the on-call chain");
        findings.add(Drill.check(escalated, "still out after 2 failing cycles: the on-call chain is paged too: "
                + summary(oncall, "critical")));
        awaitCycle(line -> line.startsWith("watch: cycle "), "the end of a cycle");
        start = timeline.now();
        try {
            repo.write(HoldsFile.PATH, HoldsFile.render(Holds.none(HoldsFile.PATH)));
            repo.write(path, DrillFiles.config(options.balancer(), lbPort, web01.address(), web02.address(),
                    DrillFiles.Shape.BOTH));
            String sha = repo.commit("web: web-02 back after the load test", OPERATOR, OPERATOR_EMAIL);
            balancer.apply(path, Drill.read(repoDir, sha, path));
            steps.add(timeline.record("put web-02 back", TimedStep.Status.OK, start, "alice puts web-02 back and "
                    + "removes the hold, committed at " + sha.substring(0, 10) + " and loaded: "
                    + balancer.describe()));
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean resolved = await(() -> resolved(alice) && resolved(oncall), "the resolves");
        findings.add(Drill.check(resolved, "the next cycle passes and resolves the page at alice and at the on-call "
                + "chain"));
        return findings;
    }

    private List<String> slowBackend(DrillBackend web02, PagerDutyEndpoint oncall) {
        List<String> findings = new ArrayList<>();
        awaitCycle(line -> line.startsWith("watch: cycle "), "the end of a cycle");
        long start = timeline.now();
        web02.slow(1_500);
        steps.add(timeline.record("web-02 turns slow", TimedStep.Status.OK, start, "web-02 now takes 1.5 s to "
                + "answer (timeout 1 s, p95 latency limit 500 ms)"));
        long slow = start;
        boolean firstFailing = awaitCycle(line -> line.contains(" web FAIL") && line.contains("(1 cycle)")
                && cycleAfter(slow), "a first failing cycle");
        int afterFirst = oncall.events().size();
        findings.add(Drill.check(firstFailing && afterFirst == 0, "the first slow cycle fails and pages nobody "
                + "(one bad cycle can be a lost packet)"));
        boolean paged = await(() -> oncall.events().stream().anyMatch(e -> e.action().equals("trigger")),
                "the page after two failing cycles");
        findings.add(Drill.check(paged, "the second failing cycle pages the on-call chain: " + summary(oncall,
                "")));
        awaitCycle(line -> line.startsWith("watch: cycle "), "the end of a cycle");
        start = timeline.now();
        web02.slow(0);
        steps.add(timeline.record("web-02 fixed", TimedStep.Status.OK, start, "web-02 answers at once again"));
        boolean resolved = await(() -> resolved(oncall), "the resolve");
        findings.add(Drill.check(resolved, "the next passing cycle resolves every page"));
        return findings;
    }

    /** A watch cycle as a step of the timeline. */
    private void cycle(String text) {
        cycles.add(text);
        if (!text.startsWith("watch: cycle ")) {
            step("watch", !text.contains("cannot"), text);
            return;
        }
        int colon = text.indexOf(':', "watch: cycle ".length());
        String name = text.substring("watch: ".length(), colon);
        boolean pass = text.contains(" PASS");
        step(name, pass, text.substring(colon + 2).replace("\n  ", "; "));
    }

    private void step(String name, boolean ok, String detail) {
        long now = timeline.now();
        steps.add(new TimedStep(name, ok ? TimedStep.Status.OK : TimedStep.Status.FAILED, now, 0, detail));
    }

    private boolean cycleAfter(long startMs) {
        return steps.stream().anyMatch(s -> s.name().startsWith("cycle ") && s.startMs() >= startMs);
    }

    private boolean awaitCycle(Predicate<String> condition, String what) {
        int seen = cycles.size();
        return await(() -> cycles.subList(Math.min(seen, cycles.size()), cycles.size()).stream().anyMatch(condition),
                what);
    }

    private boolean await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        log.warn("drill: %s did not come within %d s", what, WAIT.toSeconds());
        return false;
    }

    private static boolean resolved(PagerDutyEndpoint endpoint) {
        return endpoint.events().stream().anyMatch(e -> e.action().equals("resolve"));
    }

    private static String summary(PagerDutyEndpoint endpoint, String severity) {
        return endpoint.events().stream().filter(e -> e.action().equals("trigger")
                && (severity.isEmpty() || severity.equals(e.severity()))).findFirst()
                .map(e -> "\"" + e.summary() + "\"").orElse("nothing received");
    }

    private static PagerDutyEndpoint.Event labelled(PagerDutyEndpoint.Event event, String contact) {
        return new PagerDutyEndpoint.Event(event.received(), event.receivedNanos(), event.action(),
                event.dedupKey(), event.severity(), "[" + contact + "] " + event.summary(), event.body());
    }

    java.util.Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    private <T extends AutoCloseable> T keep(T piece) {
        return pieces.keep(piece);
    }

    @Override
    public void close() {
        pieces.close();
    }
}
