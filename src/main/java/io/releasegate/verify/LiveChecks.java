package io.releasegate.verify;

import io.releasegate.config.Pool;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.drift.DriftChecker;
import io.releasegate.live.LiveStateSource;
import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthChecker;
import io.releasegate.verify.health.HealthOptions;
import io.releasegate.verify.health.HealthProbe;
import io.releasegate.verify.health.HealthReport;
import io.releasegate.verify.health.HealthTarget;
import java.util.List;

/**
 * The health and drift checks of {@code verify.health} and {@code verify.drift} as {@link LiveCheck}s. Each probe and
 * each read of the live state takes a permit of the run's rate budget first.
 */
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
        return (pool, permits, log) -> {
            HealthReport report = new HealthChecker(probe, log).check(targets, options, permits);
            observer.health(report);
            return report.results();
        };
    }

    /**
     * Compares the live state of {@code declared} from {@code source}; one {@code drift} result per server, or one
     * INCONCLUSIVE result when the rate budget left no permit for the read before the deadline.
     */
    public static LiveCheck drift(Pool declared, LiveStateSource source) {
        return drift(declared, source, null, LiveObserver.NONE);
    }

    /**
     * As {@link #drift(Pool, LiveStateSource)}, with the pool's holds applied (a held server out of the pool is out as
     * planned; one still out after its hold ended is a {@code hold} FAIL; null: no holds) and the live servers read
     * shown to {@code observer}.
     */
    public static LiveCheck drift(Pool declared, LiveStateSource source, HeldServers held, LiveObserver observer) {
        return (pool, permits, log) -> {
            if (!permits.take()) {
                return List.of(CheckResult.inconclusive(DriftReport.CHECK, declared.name(), "drift not checked: the "
                        + "--rate budget had no room to read the " + source.describe() + " before the deadline"));
            }
            log.info("verify: drift of %s from %s", declared.name(), source.describe());
            DriftReport report = DriftChecker.check(declared, source);
            observer.drift(report);
            return held == null ? report.results() : held.drift(report);
        };
    }
}
