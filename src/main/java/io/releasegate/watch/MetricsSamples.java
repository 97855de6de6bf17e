package io.releasegate.watch;

import io.releasegate.hold.Hold;
import io.releasegate.live.AdminState;
import io.releasegate.live.LiveServer;
import io.releasegate.live.OperationalState;
import io.releasegate.metrics.BackendSample;
import io.releasegate.metrics.PoolSample;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** What one pool's cycle becomes in the metrics: one sample per declared or observed backend, one per hold. */
final class MetricsSamples {
    private MetricsSamples() {
    }

    static PoolSample of(PoolResult result, Instant now) {
        VerificationResult verification = result.verification();
        Set<String> servers = new LinkedHashSet<>();
        result.declared().servers().forEach(server -> servers.add(server.name()));
        servers.addAll(verification.tally().unexpected().keySet());
        long answered = verification.tally().identified() + verification.tally().unexpected().values().stream()
                .mapToLong(Long::longValue).sum();
        List<BackendSample> backends = new ArrayList<>();
        for (String server : servers) {
            long count = verification.observed().getOrDefault(server,
                    verification.tally().unexpected().getOrDefault(server, 0L));
            OptionalDouble share = answered == 0 ? OptionalDouble.empty() : OptionalDouble.of(count / (double) answered);
            backends.add(new BackendSample(server, share, verification.expected().getOrDefault(server, 0.0),
                    healthy(result, server), latency(result, server), state(result, server), drifted(result, server)));
        }
        List<PoolSample.HoldSample> holds = new ArrayList<>();
        for (Hold hold : result.holds()) {
            holds.add(new PoolSample.HoldSample(hold.server(), hold.owner(), hold.remaining(now).getSeconds()));
        }
        return new PoolSample(result.declared().name(), verification.verdict().name(), backends, holds);
    }

    private static Optional<Boolean> healthy(PoolResult result, String server) {
        return result.health().flatMap(report -> report.result(server))
                .filter(check -> check.status() == CheckStatus.PASS || check.status() == CheckStatus.FAIL)
                .map(check -> check.status() == CheckStatus.PASS);
    }

    private static OptionalDouble latency(PoolResult result, String server) {
        Optional<HealthObservation> observation = result.health().flatMap(report -> report.observation(server));
        return observation.filter(o -> o.latencyP95Ms() >= 0)
                .map(o -> OptionalDouble.of(o.latencyP95Ms() / 1000.0)).orElse(OptionalDouble.empty());
    }

    private static Optional<BackendSample.LiveState> state(PoolResult result, String server) {
        if (result.drift().isEmpty() || driftUnreadable(result.drift().get())) {
            return Optional.empty();
        }
        Optional<LiveServer> live = result.drift().get().live().stream().filter(s -> s.name().equals(server))
                .findFirst();
        if (live.isEmpty()) {
            return Optional.of(BackendSample.LiveState.ABSENT);
        }
        LiveServer s = live.get();
        if (s.adminState() == AdminState.MAINT) {
            return Optional.of(BackendSample.LiveState.MAINT);
        }
        if (s.adminState() == AdminState.DRAIN) {
            return Optional.of(BackendSample.LiveState.DRAIN);
        }
        return Optional.of(s.operationalState() == OperationalState.DOWN ? BackendSample.LiveState.DOWN
                : BackendSample.LiveState.READY);
    }

    /** A held server out as planned is not drift (its drift result is PASS); a hold ended and still out is. */
    private static Optional<Boolean> drifted(PoolResult result, String server) {
        if (result.drift().isEmpty() || driftUnreadable(result.drift().get())) {
            return Optional.empty();
        }
        List<CheckResult> checks = result.verification().checks().stream()
                .filter(c -> c.subject().equals(server) && (c.check().equals(DriftReport.CHECK)
                        || c.check().equals(io.releasegate.verify.HeldServers.CHECK)))
                .toList();
        if (checks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL));
    }

    private static boolean driftUnreadable(DriftReport report) {
        return report.results().stream().anyMatch(c -> c.status() == CheckStatus.ERROR);
    }
}
