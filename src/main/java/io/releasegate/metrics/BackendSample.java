package io.releasegate.metrics;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One backend of a pool as one watch cycle saw it.
 *
 * @param server        the server's name
 * @param observedShare its share of the responses that named a backend, when traffic was sent
 * @param declaredShare its share by the declared weights (0 for a held or undeclared server)
 * @param healthy       whether it answered its health check, when it was asked
 * @param latencyP95    95th percentile latency of its health probes in seconds, when it answered
 * @param liveState     its state on the live load balancer, when a live source was read
 * @param drifted       whether it differs from its declaration (a held server out as planned does not), when known
 */
public record BackendSample(String server, OptionalDouble observedShare, double declaredShare,
        Optional<Boolean> healthy, OptionalDouble latencyP95, Optional<LiveState> liveState,
        Optional<Boolean> drifted) {
    public BackendSample {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(observedShare, "observedShare");
        Objects.requireNonNull(healthy, "healthy");
        Objects.requireNonNull(latencyP95, "latencyP95");
        Objects.requireNonNull(liveState, "liveState");
        Objects.requireNonNull(drifted, "drifted");
    }

    /** The live states a backend can be in, as the metric's states. */
    public enum LiveState {
        READY, DRAIN, MAINT, DOWN, ABSENT;

        /** The state's name in the metric: as HAProxy says it, {@code absent} in lower case. */
        public String label() {
            return this == ABSENT ? "absent" : name();
        }
    }
}
