package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.log.LogSink;
import java.util.List;

/**
 * A check of the live system besides the traffic itself: backend health asked directly, drift of the live load
 * balancer from the declared pool. Results use the check names {@code health} and {@code drift} with the server
 * name as subject, so the judge can relate them to the traffic.
 */
@FunctionalInterface
public interface LiveCheck {
    List<CheckResult> check(ExpectedPool pool, LogSink log);
}
