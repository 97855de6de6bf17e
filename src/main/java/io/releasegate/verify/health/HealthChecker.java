package io.releasegate.verify.health;

import io.releasegate.log.LogSink;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.probe.Permits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Probes each server's health URL directly and classifies it: a status other than 2xx/3xx, a transport failure, a
 * body that does not match, or a p95 latency above the threshold is a FAIL with the reason in words, e.g.
 * {@code web-02: 503 from http://127.0.0.1:8082/health}. Targets are probed in parallel (at most 8 at a time), the
 * probes of one target one after another, so a run lasts at most about {@code probes x timeout}.
 */
public final class HealthChecker {
    private static final int MAX_PARALLEL = 8;

    private final HealthProbe probe;
    private final LogSink log;

    /** Probes with the JDK HTTP client and logs nothing. */
    public HealthChecker() {
        this(HealthProbe.jdk(), LogSink.NONE);
    }

    public HealthChecker(HealthProbe probe, LogSink log) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Probes every target with {@code options}; one observation and one result per target, in target order. */
    public HealthReport check(List<HealthTarget> targets, HealthOptions options) {
        return check(targets, options, Permits.UNLIMITED);
    }

    /**
     * The same, each probe taking one of {@code permits} (the run's rate budget) first; a target whose probes could
     * not all be sent, and that showed no problem in those that were, is INCONCLUSIVE.
     */
    public HealthReport check(List<HealthTarget> targets, HealthOptions options, Permits permits) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(permits, "permits");
        if (targets.isEmpty()) {
            return new HealthReport(List.of(), List.of());
        }
        Pattern body = options.bodyRegex().isEmpty() ? null : Pattern.compile(options.bodyRegex());
        TargetProbe prober = new TargetProbe(probe, options, body, permits);
        List<HealthObservation> observations = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, targets.size()), runnable -> {
            Thread thread = new Thread(runnable, "release-gate-health");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HealthObservation>> futures = new ArrayList<>();
            for (HealthTarget target : targets) {
                futures.add(pool.submit(() -> prober.observe(target)));
            }
            for (Future<HealthObservation> future : futures) {
                observations.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing health", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("health probe failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<CheckResult> results = new ArrayList<>();
        for (HealthObservation observation : observations) {
            CheckResult result = HealthClassifier.classify(observation, options);
            log.info("health %s: %s", result.status(), result.reason());
            results.add(result);
        }
        return new HealthReport(observations, results);
    }
}
