package io.releasegate.policy;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code holds:} section of {@code .releasegate.yml} (docs/policy.md, "Holds").
 *
 * @param maxDuration the longest a hold may last ({@code until - since}); a longer one is refused with file:line
 * @param reminder    how long before a hold ends its owner is reminded
 * @param plannedRisk when set, the highest risk of removing or disabling a server within a hold that the base
 *                    revision already had (an approved hold); empty = no discount, the kind's own risk
 */
public record HoldPolicy(Duration maxDuration, Duration reminder, Optional<Risk> plannedRisk)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final HoldPolicy DEFAULTS = new HoldPolicy(Duration.ofHours(24), Duration.ofMinutes(15),
            Optional.empty());

    public HoldPolicy {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(reminder, "reminder");
        Objects.requireNonNull(plannedRisk, "plannedRisk");
    }
}
