package io.releasegate.policy;

import io.releasegate.diff.Change;
import io.releasegate.diff.ChangeKind;
import java.util.List;

/** Gives each change its risk under a policy. */
public final class RiskAssessor {
    private final Policy policy;

    public RiskAssessor(Policy policy) {
        this.policy = policy;
    }

    public List<AssessedChange> assess(List<Change> changes) {
        return changes.stream().map(change -> new AssessedChange(change, riskOf(change))).toList();
    }

    /**
     * The kind's risk, raised where the effect is worse: a weight set to 0 is as risky as disabling the server; a
     * capacity reduction of at least {@code capacityReducedHighPercent} is at least HIGH, and of 100 % CRITICAL. A
     * removal or disable planned under an approved hold is at most {@code holds.plannedRisk} when the policy sets it.
     */
    public Risk riskOf(Change change) {
        Risk risk = policy.riskOf(change.kind());
        if (change.planned() && policy.holds().plannedRisk().isPresent()
                && policy.holds().plannedRisk().get().compareTo(risk) < 0) {
            risk = policy.holds().plannedRisk().get();
        }
        if (change.kind() == ChangeKind.WEIGHT_CHANGED && "0".equals(change.after())) {
            risk = Risk.max(risk, policy.riskOf(ChangeKind.SERVER_DISABLED));
        }
        if (change.kind() == ChangeKind.CAPACITY_REDUCED) {
            long percent = lostPercent(change);
            if (percent >= 100) {
                risk = Risk.CRITICAL;
            } else if (percent >= policy.capacityHighPercent()) {
                risk = Risk.max(risk, Risk.HIGH);
            }
        }
        return risk;
    }

    /** For CAPACITY_REDUCED: the weight before and the weight still taking traffic, as a per cent lost. */
    static long lostPercent(Change change) {
        try {
            double before = Double.parseDouble(change.before());
            double after = Double.parseDouble(change.after());
            return before <= 0 ? 0 : Math.round(100.0 * (before - after) / before);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The highest risk of the changes; NONE when there are none. */
    public static Risk overall(List<AssessedChange> changes) {
        Risk risk = Risk.NONE;
        for (AssessedChange change : changes) {
            risk = Risk.max(risk, change.risk());
        }
        return risk;
    }
}
