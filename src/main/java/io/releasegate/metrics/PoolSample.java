package io.releasegate.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One pool as one watch cycle saw it.
 *
 * @param pool     the pool's name
 * @param verdict  PASS, FAIL, ERROR or INCONCLUSIVE
 * @param backends its declared and observed backends
 * @param holds    its holds
 */
public record PoolSample(String pool, String verdict, List<BackendSample> backends, List<HoldSample> holds) {
    public PoolSample {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(verdict, "verdict");
        backends = List.copyOf(backends);
        holds = List.copyOf(holds);
    }

    /**
     * One hold.
     *
     * @param server           the held server
     * @param owner            who answers for it
     * @param secondsToExpiry  seconds until it ends; negative once it has ended
     */
    public record HoldSample(String server, String owner, long secondsToExpiry) {
    }
}
