package io.releasegate.verify;

import io.releasegate.verify.drift.DriftReport;
import io.releasegate.verify.health.HealthReport;

/**
 * Sees what the live checks of a verification read, beyond their classification: the health probes' latencies and
 * the live servers' states (the watch's metrics). Called on the verifying thread.
 */
public interface LiveObserver {
    /** Sees nothing. */
    LiveObserver NONE = new LiveObserver() {
    };

    default void health(HealthReport report) {
    }

    default void drift(DriftReport report) {
    }
}
