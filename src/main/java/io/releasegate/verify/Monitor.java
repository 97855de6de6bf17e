package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.probe.RateBudget;
import io.releasegate.log.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated verification as a monitor between deploys, like Argo Rollouts' analysis: {@code samples} runs,
 * {@code interval} apart; the monitor fails when more than {@code failureLimit} samples failed, and is INCONCLUSIVE
 * when that is still open because samples were INCONCLUSIVE or not run.
 */
public final class Monitor {
    public static final int MAX_SAMPLES = 10_000;

    private final Verifier verifier;

    public Monitor(Verifier verifier) {
        this.verifier = verifier;
    }

    /** The window: how many samples, how far apart, how many failures are tolerated. */
    public record Window(int samples, Duration interval, int failureLimit) {
        public Window {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("--samples must be between 1 and " + MAX_SAMPLES + ", was " + samples);
            }
            if (interval.isNegative()) {
                throw new IllegalArgumentException("--interval must not be negative, was " + interval);
            }
            if (failureLimit < 0) {
                throw new IllegalArgumentException("--failure-limit must be 0 or more, was " + failureLimit);
            }
        }
    }

    /** The window with a rate budget of its own ({@code request.rate()}). */
    public VerificationResult run(VerificationRequest request, List<LiveCheck> live, Window window, LogSink log) {
        return run(request, live, window, RateBudget.perSecond(request.rate()), log);
    }

    /**
     * Runs the samples (stopping as soon as the limit is exceeded), all under the run's {@code budget}, and sums them
     * up in one result: the {@code window} check, the checks of the deciding sample (the last failed one on FAIL, the
     * last inconclusive one on INCONCLUSIVE, else the last passed one), the reasons of every sample that did not
     * pass, the counts of all samples. The window is FAIL when more than {@code failureLimit} samples failed, PASS
     * when it would pass even if every INCONCLUSIVE sample and every sample not run (the wait was interrupted) were a
     * failure, and INCONCLUSIVE in between.
     */
    public VerificationResult run(VerificationRequest request, List<LiveCheck> live, Window window, RateBudget budget,
            LogSink log) {
        long start = System.nanoTime();
        List<VerificationResult> samples = new ArrayList<>();
        List<String> notPassedReasons = new ArrayList<>();
        VerificationResult lastFailed = null;
        VerificationResult lastInconclusive = null;
        VerificationResult lastPassed = null;
        int failures = 0;
        int inconclusive = 0;
        for (int i = 1; i <= window.samples() && failures <= window.failureLimit(); i++) {
            if (i > 1 && !sleep(window.interval())) {
                break;
            }
            VerificationResult sample = verifier.verify(request, live, budget, log);
            samples.add(sample);
            log.info("verify: sample %d/%d: %s", i, window.samples(), sample.verdict());
            if (sample.verdict() == Verdict.PASS) {
                lastPassed = sample;
                continue;
            }
            // an inconclusive sample's first reason says where it was cut short; the rest says "not decided"
            notPassedReasons.add("sample " + i + ": " + (sample.verdict() == Verdict.INCONCLUSIVE
                    ? sample.reasons().get(0) : String.join("; ", sample.reasons())));
            if (sample.verdict() == Verdict.INCONCLUSIVE) {
                inconclusive++;
                lastInconclusive = sample;
            } else {
                failures++;
                lastFailed = sample;
            }
        }
        int notRun = window.samples() - samples.size();
        Verdict verdict = failures > window.failureLimit() ? Verdict.FAIL
                : failures + inconclusive + notRun > window.failureLimit() ? Verdict.INCONCLUSIVE : Verdict.PASS;
        VerificationResult deciding = verdict == Verdict.FAIL ? lastFailed
                : verdict == Verdict.INCONCLUSIVE && lastInconclusive != null ? lastInconclusive
                : lastPassed != null ? lastPassed : lastInconclusive != null ? lastInconclusive : lastFailed;
        String summary = (failures + inconclusive) + " of " + samples.size() + " samples did not pass (--failure-limit "
                + window.failureLimit() + ")" + (inconclusive > 0 ? ", " + inconclusive + " of them INCONCLUSIVE" : "")
                + (verdict == Verdict.INCONCLUSIVE ? "; not decided: " + failures + " failed, but " + inconclusive
                        + " inconclusive" + (notRun > 0 ? " and " + notRun + " not run (interrupted)" : "")
                        + " could each have been a failure" : "");
        List<CheckResult> checks = new ArrayList<>();
        checks.add(new CheckResult("window", request.pool().name(), switch (verdict) {
            case FAIL -> CheckStatus.FAIL;
            case PASS -> CheckStatus.PASS;
            default -> CheckStatus.INCONCLUSIVE;
        }, summary));
        checks.addAll(deciding.checks());
        List<String> reasons = new ArrayList<>();
        reasons.add(summary);
        reasons.addAll(verdict == Verdict.PASS ? deciding.reasons() : notPassedReasons);
        return new VerificationResult(deciding.pool(), deciding.target(), verdict, sum(samples), deciding.expected(),
                deciding.test(), deciding.plan(), checks, reasons, (System.nanoTime() - start) / 1_000_000);
    }

    private static Tally sum(List<VerificationResult> samples) {
        long requests = 0;
        long errors = 0;
        long unidentified = 0;
        long http5xx = 0;
        Map<String, Long> observed = new LinkedHashMap<>();
        Map<String, Long> serverErrors = new LinkedHashMap<>();
        Map<String, Long> unexpected = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        String firstFailure = "";
        for (VerificationResult sample : samples) {
            Tally t = sample.tally();
            requests += t.requests();
            errors += t.errors();
            unidentified += t.unidentified();
            http5xx += t.http5xx();
            t.observed().forEach((k, v) -> observed.merge(k, v, Long::sum));
            t.serverErrors().forEach((k, v) -> serverErrors.merge(k, v, Long::sum));
            t.unexpected().forEach((k, v) -> unexpected.merge(k, v, Long::sum));
            t.failures().forEach((k, v) -> failures.merge(k, v, Long::sum));
            firstFailure = firstFailure.isEmpty() ? t.firstFailure() : firstFailure;
        }
        return new Tally(requests, errors, observed, serverErrors, unexpected, unidentified, http5xx, failures,
                firstFailure, "");
    }

    private static boolean sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
