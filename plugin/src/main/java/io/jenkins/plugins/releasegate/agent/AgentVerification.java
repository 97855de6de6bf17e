package io.jenkins.plugins.releasegate.agent;

import io.releasegate.config.Pool;
import io.releasegate.hold.Hold;
import io.releasegate.hold.Holds;
import io.releasegate.log.LogSink;
import io.releasegate.report.VerificationJunit;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One verification on the agent (the requests go from the agent, where the load balancer is reachable): the step's
 * {@link VerificationSpec} against the pool as {@link PoolSource} finds it in the workspace, with the engine's
 * {@link Verifier}, and the JUnit XML when asked. Runs where it is called.
 */
public final class AgentVerification {
    private AgentVerification() {
    }

    /**
     * Verifies. The pool's holds are judged at one instant, read from {@code clock} before the first request, so
     * that what the verdict says about a hold and the holds the pages show agree even when a hold ends while the
     * requests run.
     *
     * @param workspace the workspace: the git repository, and the base of relative paths
     * @param junit     workspace-relative path of the JUnit XML to write, or null
     * @param budget    the step's rate budget (every request, health probe and live-state read takes a permit of it)
     * @param clock     the time the holds are judged at
     * @throws IllegalArgumentException for bad input (unknown pool or file, health path without addresses), in words
     * @throws IOException              when the JUnit XML cannot be written
     */
    public static VerifiedPool run(Path workspace, VerificationSpec spec, PoolSource source, String junit,
            RateBudget budget, Clock clock, LogSink log) throws IOException {
        Optional<Pool> declared = source.read(workspace);
        Holds holds = source.holds(workspace);
        Instant judgedAt = clock.instant();
        // a held server is expected out until its hold ends, and FAILs when still out after it (docs/watch.md)
        VerificationResult result = spec.verify(new Verifier(), declared, holds, Clock.fixed(judgedAt,
                ZoneOffset.UTC), budget, log);
        if (junit != null) {
            VerificationJunit.write(List.of(result), workspace.resolve(junit));
        }
        List<Hold> poolHolds = declared.map(pool -> holds.forPool(pool.name())).orElse(List.of());
        return new VerifiedPool(result, HoldInForce.of(poolHolds, result, judgedAt));
    }
}
