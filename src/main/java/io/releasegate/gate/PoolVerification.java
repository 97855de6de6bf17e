package io.releasegate.gate;

import io.releasegate.config.Pool;
import io.releasegate.log.LogSink;
import io.releasegate.verify.ExpectedPool;
import io.releasegate.verify.LiveCheck;
import io.releasegate.verify.LiveChecks;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Verifier;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.StatsPage;
import io.releasegate.verify.health.HealthOptions;
import io.releasegate.verify.health.HealthProbe;
import io.releasegate.verify.health.HealthTarget;
import io.releasegate.verify.probe.RateBudget;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One verification of the gate's pool with the policy's {@code verify:} settings, against a declared pool: the head's
 * after the deploy, the base's after a rollback. With {@code verify.expect} the traffic is tested against those
 * servers whatever the declaration says (the capacity the service needs). Every request takes a permit of the run's
 * {@link RateBudget} ({@code verify.rate}), which the verification after a rollback shares.
 */
public final class PoolVerification {
    private final Verifier verifier;
    private final GateSettings settings;
    private final RateBudget budget;

    /** With a budget of its own, for one verification. */
    public PoolVerification(Verifier verifier, GateSettings settings) {
        this(verifier, settings, RateBudget.perSecond(settings.rate()));
    }

    /** Under the run's {@code budget}. */
    public PoolVerification(Verifier verifier, GateSettings settings, RateBudget budget) {
        this.verifier = verifier;
        this.settings = settings;
        this.budget = budget;
    }

    /** The servers the traffic must reach when {@code declared} is live. */
    public ExpectedPool expected(Pool declared) {
        if (settings.expect().isEmpty()) {
            return ExpectedPool.fromPool(declared);
        }
        return ExpectedPool.parse(settings.expect()).withName(declared.name()).withAlgorithm(declared.algorithm());
    }

    public VerificationResult verify(Pool declared, LogSink log) {
        return verifier.verify(settings.request(expected(declared)), liveChecks(declared), budget, log);
    }

    private List<LiveCheck> liveChecks(Pool declared) {
        List<LiveCheck> checks = new ArrayList<>();
        if (!settings.healthPath().isEmpty()) {
            HealthOptions options = HealthOptions.DEFAULTS.withTimeout(settings.timeout())
                    .withLatencyP95Ms(settings.latencyP95Ms());
            checks.add(LiveChecks.health(HealthTarget.fromPool(declared, settings.healthPath()), options,
                    HealthProbe.jdk()));
        }
        if (!settings.haproxySocket().isEmpty()) {
            checks.add(LiveChecks.drift(declared, new HaproxyRuntime(Path.of(settings.haproxySocket()),
                    settings.timeout())));
        }
        if (!settings.stats().isEmpty()) {
            checks.add(LiveChecks.drift(declared, new StatsPage(URI.create(settings.stats()), settings.timeout())));
        }
        return checks;
    }
}
