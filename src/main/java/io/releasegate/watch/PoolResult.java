package io.releasegate.watch;

import io.releasegate.config.Pool;
import io.releasegate.hold.Hold;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pool in one cycle: its verification, and what the live checks saw in detail (for the metrics).
 *
 * @param declared     the pool as HEAD declares it
 * @param verification the verification with the holds applied
 * @param health       the health probes, when they ran
 * @param drift        the live state, when a live source was read
 * @param holds        the holds on the pool
 */
public record PoolResult(Pool declared, VerificationResult verification, Optional<HealthReport> health,
        Optional<DriftReport> drift, List<Hold> holds) {
    public PoolResult {
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(drift, "drift");
        holds = List.copyOf(holds);
    }
}
