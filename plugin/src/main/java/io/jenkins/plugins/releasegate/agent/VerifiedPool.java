package io.jenkins.plugins.releasegate.agent;

import io.releasegate.verify.VerificationResult;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What one verification on the agent sends back: the engine's result, and the holds of the pool that were in force
 * when it judged them (for the build's and the job's pages).
 *
 * @param result the verification
 * @param holds  the holds in force, in file order; empty when none was, or when no repository was read
 */
public record VerifiedPool(VerificationResult result, List<HoldInForce> holds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerifiedPool {
        Objects.requireNonNull(result, "result");
        holds = List.copyOf(holds);
    }
}
