package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.log.LogSink;
import io.releasegate.verify.probe.Http11Probe;
import io.releasegate.verify.probe.HttpProbe;
import io.releasegate.verify.probe.Permits;
import io.releasegate.verify.probe.RateBudget;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import io.releasegate.verify.stats.SequentialTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Verifies one pool: live checks (health, drift), then real requests through the load balancer until the verdict
 * is certain or the plan is done, then the judge. A run cut short before either is INCONCLUSIVE, never PASS. Every
 * request (traffic, health probes, live-state reads) takes a permit of the run's {@link RateBudget}. The entry point
 * for the CLI, the Jenkins plugin and {@code run}.
 */
public final class Verifier {
    private final Supplier<HttpProbe> probes;
    private final UnaryOperator<List<CheckResult>> expectation;

    /** With the built-in keep-alive HTTP/1.1 probe. */
    public Verifier() {
        this(Http11Probe::new);
    }

    /** With another probe (e.g. one that goes through Jenkins' proxy settings); a new probe per run. */
    public Verifier(Supplier<HttpProbe> probes) {
        this(probes, UnaryOperator.identity());
    }

    private Verifier(Supplier<HttpProbe> probes, UnaryOperator<List<CheckResult>> expectation) {
        this.probes = probes;
        this.expectation = expectation;
    }

    /**
     * This verifier with the classified checks adjusted before the judge, e.g. by {@link HeldServers}: what the holds
     * of the pool make expected.
     */
    public Verifier adjusting(UnaryOperator<List<CheckResult>> adjustment) {
        return new Verifier(probes, adjustment);
    }

    public VerificationResult verify(VerificationRequest request, LogSink log) {
        return verify(request, List.of(), log);
    }

    /** One pool with a budget of its own ({@code request.rate()}): for a run that verifies this pool only. */
    public VerificationResult verify(VerificationRequest request, List<LiveCheck> liveChecks, LogSink log) {
        return verify(request, liveChecks, RateBudget.perSecond(request.rate()), log);
    }

    /**
     * One pool of a run whose rate cap is {@code budget}: the live checks and the traffic take their permits from
     * it, so pools verified one after another (and a verification after a rollback) share it.
     */
    public VerificationResult verify(VerificationRequest request, List<LiveCheck> liveChecks, RateBudget budget,
            LogSink log) {
        long start = System.nanoTime();
        List<CheckResult> live = runLiveChecks(request.pool(), liveChecks,
                budget.until(start + request.deadline().toNanos()), log);
        ExpectedPool pool = request.pool();
        double[] shares = pool.shares().values().stream().mapToDouble(Double::doubleValue).toArray();
        BalanceMode mode = pool.mode();
        SamplePlan plan = SamplePlan.of(zeroRuleShares(shares, mode), request.poolAlpha(), mode.exactShares(),
                mode != BalanceMode.CLIENT_BOUND, request.requests());
        warnIfTooFew(request, plan, log);
        SequentialTest sequential = new SequentialTest(shares, plan);
        long maxErrors = request.toleratedErrors(plan);
        Observations observations = new Observations(pool, sequential, maxErrors);
        log.info("verify: pool %s at %s: up to %d requests, concurrency %d, rate %s, alpha %s",
                pool.name(), request.displayTarget(), plan.maxRequests(), request.concurrency(),
                budget.rate() > 0 ? Words.number(budget.rate()) + "/s" : "uncapped", Words.number(request.poolAlpha()));
        Ending ending;
        try (HttpProbe probe = probes.get()) {
            ending = new TrafficGenerator(request, probe, observations, budget, log).run(plan.maxRequests(), maxErrors);
        }
        Tally tally = observations.tally();
        GofResult test;
        synchronized (observations) {
            test = sequential.finish(countsOf(tally));
        }
        List<CheckResult> checks = new ArrayList<>(new TrafficChecks(request, tally, test, plan, live,
                zeroRuleServer(sequential, pool), ending, budget.rate()).classify());
        checks.addAll(live);
        checks = expectation.apply(checks);
        Judge.Judgement judgement = Judge.judge(checks);
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        log.info("verify: %s after %d requests in %d ms%s", judgement.verdict(), tally.requests(), durationMs,
                !tally.stopReason().isEmpty() ? " (stopped early: " + tally.stopReason() + ")"
                        : judgement.verdict() == Verdict.INCONCLUSIVE ? " (" + judgement.reasons().get(0) + ")" : "");
        return new VerificationResult(pool.name(), request.displayTarget(), judgement.verdict(), tally,
                pool.shares(), test, plan, checks, judgement.reasons(), durationMs);
    }

    private static double[] zeroRuleShares(double[] shares, BalanceMode mode) {
        if (mode.exactShares()) {
            return shares;
        }
        double[] assumed = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            assumed[i] = mode.zeroRuleShare(shares[i]);
        }
        return assumed;
    }

    private static String zeroRuleServer(SequentialTest sequential, ExpectedPool pool) {
        return sequential.missingServer() < 0 ? "" : pool.names().get(sequential.missingServer());
    }

    private static long[] countsOf(Tally tally) {
        return tally.observed().values().stream().mapToLong(Long::longValue).toArray();
    }

    private static void warnIfTooFew(VerificationRequest request, SamplePlan plan, LogSink log) {
        int needed = plan.zeroThresholds().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (request.requests() > 0 && request.requests() < needed) {
            log.warn("verify: --requests %d is below %d, the count at which a server without traffic is "
                    + "significant at alpha %s; a FAIL for a missing server may be chance", request.requests(),
                    needed, Words.number(request.poolAlpha()));
        }
    }

    private static List<CheckResult> runLiveChecks(ExpectedPool pool, List<LiveCheck> liveChecks, Permits permits,
            LogSink log) {
        List<CheckResult> results = new ArrayList<>();
        for (LiveCheck check : liveChecks) {
            try {
                results.addAll(check.check(pool, permits, log));
            } catch (RuntimeException e) {
                results.add(CheckResult.error("live", pool.name(), "a live check could not run: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return results;
    }
}
