package io.releasegate.verify.health;

import io.releasegate.verify.check.CheckResult;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The observations of a health run and their classification.
 *
 * @param observations one per target, in target order
 * @param results      one {@link CheckResult} per target, check {@code health}, subject the server name
 */
public record HealthReport(List<HealthObservation> observations, List<CheckResult> results) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The check name used in {@link CheckResult#check()}. */
    public static final String CHECK = "health";

    public HealthReport {
        observations = List.copyOf(observations);
        results = List.copyOf(results);
    }

    public Optional<HealthObservation> observation(String server) {
        return observations.stream().filter(o -> o.server().equals(server)).findFirst();
    }

    public Optional<CheckResult> result(String server) {
        return results.stream().filter(r -> r.subject().equals(server)).findFirst();
    }
}
