package io.releasegate.recovery;

import io.releasegate.log.LogSink;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.probe.RateBudget;

/**
 * Port: one verification of the pool through the load balancer. The CLI verifies in its own process; the Jenkins
 * plugin on the build's agent, whose log comes back as data and is replayed into {@code log}.
 */
@FunctionalInterface
public interface PoolVerifier {
    /**
     * Verifies the pool at {@code stage}.
     *
     * @param budget the run's one rate budget: the recovery passes the same one to the verification after the deploy
     *               and to the one after a rollback, so that together they never exceed the run's rate
     * @throws IllegalArgumentException when the pool cannot be verified at that stage (e.g. the base revision does not
     *                                  declare it), with the reason in words; any other {@link RuntimeException} is
     *                                  an infrastructure failure. Both count as "not passed", with the reason.
     * @throws java.util.concurrent.CancellationException when the run was cancelled (an aborted Jenkins build): the
     *                                  recovery stops and rethrows it
     */
    VerificationResult verify(Stage stage, RateBudget budget, LogSink log);
}
