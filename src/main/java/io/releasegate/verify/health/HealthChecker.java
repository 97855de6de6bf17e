package io.releasegate.verify.health;

import io.releasegate.log.LogSink;
import java.util.List;
import java.util.Objects;

/**
 * Probes each server's health URL directly and classifies it: a status other than 2xx/3xx, a transport failure, a
 * body that does not match, or a p95 latency above the threshold is a FAIL with the reason in words, e.g.
 * {@code web-02: 503 from http://127.0.0.1:8082/health}. Targets are probed in parallel (at most 8 at a time), the
 * probes of one target one after another, so a run lasts at most about {@code probes x timeout}.
 */
public final class HealthChecker {
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
        throw new UnsupportedOperationException("implemented in the next commit");
    }
}
