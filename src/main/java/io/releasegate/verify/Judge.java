package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;

/** The last step of the pipeline: classified checks to the verdict and its reasons in words. */
public final class Judge {
    private Judge() {
    }

    /**
     * The verdict of the checks ({@link Verdict#of}) and the reasons: every FAIL and ERROR reason, then every
     * INCONCLUSIVE one (first the one that says why and where the run was cut short), then what was not tested
     * (NO_DATA of the distribution), what the holds expect, or for a PASS one line saying what passed.
     */
    public static Judgement judge(List<CheckResult> checks) {
        Verdict verdict = Verdict.of(checks);
        List<String> reasons = new ArrayList<>();
        for (CheckResult check : checks) {
            if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR) {
                reasons.add(check.reason());
            }
        }
        for (CheckResult check : checks) {
            if (check.status() == CheckStatus.INCONCLUSIVE) {
                reasons.add(check.reason());
            }
        }
        for (CheckResult check : checks) {
            if (check.status() == CheckStatus.NO_DATA && check.check().equals(TrafficChecks.DISTRIBUTION)) {
                reasons.add(check.reason());
            }
        }
        for (CheckResult check : checks) {
            boolean said = check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR
                    || check.status() == CheckStatus.INCONCLUSIVE;
            if (!said && check.check().equals(HeldServers.CHECK)) {
                reasons.add(check.reason());
            }
        }
        if (verdict == Verdict.PASS) {
            long passed = checks.stream().filter(c -> c.status() == CheckStatus.PASS).count();
            reasons.add(0, passed + " of " + checks.size() + " checks passed"
                    + checks.stream().filter(c -> c.check().equals(TrafficChecks.DISTRIBUTION)
                            && c.status() == CheckStatus.PASS).map(c -> ": " + c.reason()).findFirst().orElse(""));
        }
        return new Judgement(verdict, reasons);
    }

    /** The verdict and why. */
    public record Judgement(Verdict verdict, List<String> reasons) {
        public Judgement {
            reasons = List.copyOf(reasons);
        }
    }
}
