package io.releasegate.verify;

import io.releasegate.config.Pool;
import io.releasegate.verify.drift.DriftChecker;
import io.releasegate.live.LiveStateSource;
import io.releasegate.verify.health.HealthChecker;
import io.releasegate.verify.health.HealthOptions;
import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthProbe;
import io.releasegate.verify.health.HealthReport;
import io.releasegate.verify.health.HealthTarget;
import java.util.List;

/** The health and drift checks of {@code verify.health} and {@code verify.drift} as {@link LiveCheck}s. */
public final class LiveChecks {
    private LiveChecks() {
    }

    /** Asks each target directly (not through the load balancer); one {@code health} result per server. */
    public static LiveCheck health(List<HealthTarget> targets, HealthOptions options, HealthProbe probe) {
        return health(targets, options, probe, LiveObserver.NONE);
    }

    /** As {@link #health(List, HealthOptions, HealthProbe)}, showing the whole report to {@code observer}. */
    public static LiveCheck health(List<HealthTarget> targets, HealthOptions options, HealthProbe probe,
            LiveObserver observer) {
        return (pool, log) -> {
            HealthReport report = new HealthChecker(probe, log).check(targets, options);
            observer.health(report);
            return report.results();
        };
    }

    /**
     * Compares the live state of {@code declared} from {@code source} and applies its holds: a held server out of the
     * pool is out as planned; one still out after its hold ended is a {@code hold} FAIL.
     */
    public static LiveCheck drift(Pool declared, LiveStateSource source, HeldServers held) {
        return drift(declared, source, held, LiveObserver.NONE);
    }

    /** As {@link #drift(Pool, LiveStateSource, HeldServers)}, showing the live servers read to {@code observer}. */
    public static LiveCheck drift(Pool declared, LiveStateSource source, HeldServers held, LiveObserver observer) {
        return (pool, log) -> {
            log.info("verify: drift of %s from %s", declared.name(), source.describe());
            DriftReport report = DriftChecker.check(declared, source);
            observer.drift(report);
            return held.drift(report);
        };
    }

    /** Compares the live state of {@code declared} from {@code source}; one {@code drift} result per server. */
    public static LiveCheck drift(Pool declared, LiveStateSource source) {
        return (pool, log) -> {
            log.info("verify: drift of %s from %s", declared.name(), source.describe());
            return DriftChecker.check(declared, source).results();
        };
    }
}
