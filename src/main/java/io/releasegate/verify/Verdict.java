package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.Collection;

/** The outcome of a verification. Only PASS passes. */
public enum Verdict {
    PASS,
    FAIL,
    ERROR,
    /** The run was cut short before its plan allowed a decision: not a pass, and not a proven failure. */
    INCONCLUSIVE;

    /**
     * Any FAIL fails; otherwise any ERROR is an error; otherwise any INCONCLUSIVE check leaves the verdict
     * INCONCLUSIVE; otherwise PASS. NO_DATA never passes a declared backend: the checks that could see nothing for
     * one classify it as FAIL (or INCONCLUSIVE when the run was cut short) themselves.
     */
    public static Verdict of(Collection<CheckResult> results) {
        boolean error = false;
        boolean inconclusive = false;
        for (CheckResult result : results) {
            if (result.status() == CheckStatus.FAIL) {
                return FAIL;
            }
            error |= result.status() == CheckStatus.ERROR;
            inconclusive |= result.status() == CheckStatus.INCONCLUSIVE;
        }
        return error ? ERROR : inconclusive ? INCONCLUSIVE : PASS;
    }

    public boolean passed() {
        return this == PASS;
    }
}
