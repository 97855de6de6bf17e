package io.releasegate.gate;

import io.releasegate.config.Pool;
import io.releasegate.log.LogSink;
import io.releasegate.recovery.PoolVerifier;
import io.releasegate.recovery.Stage;
import io.releasegate.verify.ExpectedPool;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.probe.RateBudget;
import java.util.Optional;

/**
 * The gate's {@link PoolVerifier}: the policy's {@code verify:} spec against the pool as declared at the head revision
 * after the deploy, and as declared at the base revision after a rollback (what the rollback restored). With
 * {@code verify.expect} the traffic is tested against those servers whatever the declaration says (the capacity the
 * service needs). Every request takes a permit of the run's {@link RateBudget}, which the recovery passes to both
 * verifications.
 */
public final class PoolVerification implements PoolVerifier {
    private final Verifier verifier;
    private final VerificationSpec spec;
    private final Pool head;
    private final Optional<Pool> base;

    /** {@code base} is empty when the base revision does not declare the pool. */
    public PoolVerification(Verifier verifier, VerificationSpec spec, Pool head, Optional<Pool> base) {
        this.verifier = verifier;
        this.spec = spec;
        this.head = head;
        this.base = base;
    }

    /** The servers the traffic must reach after the deploy; fails before anything is deployed when there are none. */
    public ExpectedPool expectedAfterDeploy() {
        return spec.expected(Optional.of(head));
    }

    @Override
    public VerificationResult verify(Stage stage, RateBudget budget, LogSink log) {
        Pool declared = stage == Stage.AFTER_DEPLOY ? head : base.orElse(head);
        return spec.verify(verifier, Optional.of(declared), budget, log);
    }
}
