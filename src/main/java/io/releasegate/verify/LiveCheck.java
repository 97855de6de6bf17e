package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.log.LogSink;
import io.releasegate.verify.probe.Permits;
import java.util.List;

/**
 * A check of the live system besides the traffic itself: backend health asked directly, drift of the live load
 * balancer from the declared pool. Results use the check names {@code health} and {@code drift} with the server
 * name as subject, so the judge can relate them to the traffic.
 */
@FunctionalInterface
public interface LiveCheck {
    /**
     * @param permits one per request or read the check sends, from the run's rate budget; a check that gets none
     *                says so (INCONCLUSIVE), it never claims what it did not see
     */
    List<CheckResult> check(ExpectedPool pool, Permits permits, LogSink log);
}
