package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.util.Collection;

/** The outcome of a verification. */
public enum Verdict {
    PASS,
    FAIL,
    ERROR;

    /**
     * Any FAIL fails; otherwise any ERROR is an error; otherwise PASS. NO_DATA never passes a declared backend: the
     * checks that could see nothing for one classify it as FAIL themselves.
     */
    public static Verdict of(Collection<CheckResult> results) {
        boolean error = false;
        for (CheckResult result : results) {
            if (result.status() == CheckStatus.FAIL) {
                return FAIL;
            }
            error |= result.status() == CheckStatus.ERROR;
        }
        return error ? ERROR : PASS;
    }
}
