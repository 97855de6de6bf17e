package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.log.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeated verification as a monitor between deploys, like Argo Rollouts' analysis: {@code samples} runs,
 * {@code interval} apart; the monitor fails when more than {@code failureLimit} samples did not pass.
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

    /**
     * Runs the samples (stopping as soon as the limit is exceeded) and sums them up in one result: the {@code window}
     * check, the checks of the deciding sample (the last failed one on FAIL, else the last passed one), the reasons of
     * every failed sample, the counts of all samples.
     */
    public VerificationResult run(VerificationRequest request, List<LiveCheck> live, Window window, LogSink log) {
        long start = System.nanoTime();
        List<VerificationResult> samples = new ArrayList<>();
        List<String> failedReasons = new ArrayList<>();
        VerificationResult lastFailed = null;
        VerificationResult lastPassed = null;
        int failures = 0;
        for (int i = 1; i <= window.samples(); i++) {
            if (i > 1 && !sleep(window.interval())) {
                break;
            }
            VerificationResult sample = verifier.verify(request, live, log);
            samples.add(sample);
            log.info("verify: sample %d/%d: %s", i, window.samples(), sample.verdict());
            if (sample.verdict() == Verdict.PASS) {
                lastPassed = sample;
            } else {
                failures++;
                lastFailed = sample;
                failedReasons.add("sample " + i + ": " + String.join("; ", sample.reasons()));
                if (failures > window.failureLimit()) {
                    break;
                }
            }
        }
        boolean failed = failures > window.failureLimit();
        VerificationResult deciding = failed || lastPassed == null ? lastFailed : lastPassed;
        String summary = failures + " of " + samples.size() + " samples did not pass (--failure-limit "
                + window.failureLimit() + ")";
        List<CheckResult> checks = new ArrayList<>();
        checks.add(failed ? CheckResult.fail("window", request.pool().name(), summary)
                : CheckResult.pass("window", request.pool().name(), summary));
        checks.addAll(deciding.checks());
        List<String> reasons = new ArrayList<>();
        reasons.add(summary);
        reasons.addAll(failed ? failedReasons : deciding.reasons());
        return new VerificationResult(deciding.pool(), deciding.target(), failed ? Verdict.FAIL : Verdict.PASS,
                sum(samples), deciding.expected(), deciding.test(), deciding.plan(), checks, reasons,
                (System.nanoTime() - start) / 1_000_000);
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
