package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The outcome of verifying one pool: what was observed, each check's classification, and the verdict with its
 * reasons in words. Immutable and serializable (the Jenkins plugin keeps it with the build).
 *
 * @param pool       the pool's name
 * @param target     the load balancer URL
 * @param verdict    PASS, FAIL or ERROR
 * @param tally      what was counted
 * @param expected   declared share per server
 * @param test       the last chi-square look (or a not-run marker)
 * @param plan       the sample plan (maximum requests, looks, levels)
 * @param checks     every check's classification: distribution, missing, unexpected, errors, health, drift
 * @param reasons    the verdict in words: the FAIL and ERROR reasons, and what was not tested
 * @param durationMs wall time of the run
 */
public record VerificationResult(String pool, String target, Verdict verdict, Tally tally,
        Map<String, Double> expected, GofResult test, SamplePlan plan, List<CheckResult> checks,
        List<String> reasons, long durationMs) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationResult {
        expected = Tally.frozen(expected);
        checks = List.copyOf(checks);
        reasons = List.copyOf(reasons);
    }

    public long requests() {
        return tally.requests();
    }

    public long errors() {
        return tally.errors();
    }

    public Map<String, Long> observed() {
        return tally.observed();
    }

    /** Declared servers that got no response (the {@code missing} checks that failed). */
    public List<String> missing() {
        return subjects("missing", CheckStatus.FAIL);
    }

    /** Backends outside the declared pool that answered, by the value they reported. */
    public List<String> unexpected() {
        return List.copyOf(tally.unexpected().keySet());
    }

    public List<CheckResult> checks(String check) {
        return checks.stream().filter(c -> c.check().equals(check)).toList();
    }

    public List<CheckResult> health() {
        return checks("health");
    }

    public List<CheckResult> drift() {
        return checks("drift");
    }

    private List<String> subjects(String check, CheckStatus status) {
        return checks.stream().filter(c -> c.check().equals(check) && c.status() == status)
                .map(CheckResult::subject).toList();
    }
}
