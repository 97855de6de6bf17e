package io.releasegate.watch;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.LiveStateException;
import io.releasegate.live.ProcessInfo;
import io.releasegate.log.LogSink;
import io.releasegate.verify.LiveObserver;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthReport;
import io.releasegate.verify.probe.RateBudget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CLI's {@link PoolCheck}: the pool's {@link VerificationSpec} from the watch settings, against the pool and the
 * holds as the revision in force declares them, through the real load balancer. It also notices an HAProxy that was
 * restarted since the last cycle. Every pool's traffic, health probes and live reads share one rate budget for the
 * whole watch ({@code watch.rate}). It also notices an HAProxy that was restarted since the last cycle (another pid on the runtime API socket) and says so: every state set through the
 * runtime API (MAINT, weights) was reset to the configuration.
 */
public final class VerifyingPoolCheck implements PoolCheck {
    private final Verifier verifier;
    private final Clock clock;
    private final Consumer<String> events;
    private final Map<String, ProcessInfo> processes = new HashMap<>();
    private final java.util.Set<String> asked = new java.util.HashSet<>();

    private String settingsOf;
    private WatchSettings settings;
    private RateBudget budget;

    public VerifyingPoolCheck(Verifier verifier, Clock clock, Consumer<String> events) {
        this.verifier = verifier;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public PoolResult check(String pool, RepositoryView.Snapshot snapshot, int poolsInCycle, LogSink log) {
        VerificationSpec spec = settings(snapshot).pools().get(pool);
        if (spec == null) {
            throw new IllegalArgumentException("pool " + pool + " has no entry under watch.pools");
        }
        Pool declared = snapshot.pools().get(pool);
        if (declared == null) {
            throw new IllegalArgumentException("pool " + pool + " is not declared at " + snapshot.shortSha()
                    + (snapshot.errors().isEmpty() ? "" : " (unreadable: " + String.join("; ", snapshot.errors())
                            + ")"));
        }
        noticeRestart(spec, log);
        Reports reports = new Reports();
        VerificationSpec.Plan plan = spec.plan(Optional.of(declared), snapshot.holds(), clock, poolsInCycle,
                reports);
        VerificationResult result = plan.verifier(verifier).verify(plan.request(), plan.liveChecks(), budget, log);
        return new PoolResult(declared, result, Optional.ofNullable(reports.health),
                Optional.ofNullable(reports.drift), plan.held().holds());
    }

    /** The watch settings of the revision in force, read again when it moves. */
    public synchronized WatchSettings settings(RepositoryView.Snapshot snapshot) {
        if (!snapshot.sha().equals(settingsOf)) {
            try {
                settings = WatchSettings.read(snapshot.policy());
                if (budget == null || budget.rate() != settings.rate()) {
                    budget = RateBudget.perSecond(settings.rate());
                }
            } catch (ConfigParseException e) {
                throw new IllegalArgumentException("invalid watch: section " + e.getMessage(), e);
            }
            settingsOf = snapshot.sha();
        }
        return settings;
    }

    @Override
    public synchronized void startCycle() {
        asked.clear();
    }

    private void noticeRestart(VerificationSpec spec, LogSink log) {
        String socket = spec.live().haproxySocket();
        if (socket.isEmpty()) {
            return;
        }
        if (!asked.add(socket)) {
            return; // pools behind the same HAProxy: once a cycle is enough
        }
        try {
            ProcessInfo now = new HaproxyRuntime(Path.of(socket), spec.traffic().timeout()).processInfo();
            ProcessInfo before = processes.put(socket, now);
            if (before != null && before.restartedAs(now)) {
                events.accept("HAProxy at " + socket + " was restarted (pid " + before.pid() + " -> " + now.pid()
                        + ", up " + now.uptimeSeconds() + " s): states set through the runtime API (MAINT, DRAIN, "
                        + "weights) are back to the configuration");
            }
        } catch (LiveStateException | IllegalArgumentException e) {
            log.info("watch: no process information from %s: %s", socket, e.getMessage());
        }
    }

    /** What the live checks read this cycle. */
    private static final class Reports implements LiveObserver {
        HealthReport health;
        DriftReport drift;

        @Override
        public void health(HealthReport report) {
            health = report;
        }

        @Override
        public void drift(DriftReport report) {
            drift = report;
        }
    }
}
