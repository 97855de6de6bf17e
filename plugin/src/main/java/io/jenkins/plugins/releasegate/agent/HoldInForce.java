package io.jenkins.plugins.releasegate.agent;

import io.releasegate.hold.Hold;
import io.releasegate.verify.HeldServers;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A hold of the verified pool that was still in force when the verification judged it, with what the verification
 * found: the server may be out until the hold ends ({@link State#HELD}), the hold ended and the server was still out
 * ({@link State#OVERDUE}: the verdict FAILs with the engine's "was due back" reason), or the hold ended and nothing
 * the verification checked showed whether the server is back ({@link State#UNCONFIRMED}). A hold that ended with its
 * server back in the pool is no longer in force and is left out.
 *
 * @param hold     the hold as read from {@code .releasegate/holds.yml} (one server)
 * @param state    what the verification found
 * @param judgedAt the one instant the verification judged its holds at
 */
public record HoldInForce(Hold hold, State state, Instant judgedAt) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the verification found about a held server. */
    public enum State {
        /** The hold covers the verification's time: the server may be out. */
        HELD,
        /** The hold had ended and the server was still out (a FAIL of the check {@code hold}). */
        OVERDUE,
        /** The hold had ended; no traffic or drift check showed whether the server is back. */
        UNCONFIRMED
    }

    public HoldInForce {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(judgedAt, "judgedAt");
    }

    /** Time left at the verification: negative once the hold had ended. */
    public Duration left() {
        return hold.remaining(judgedAt);
    }

    /**
     * The holds of the verified pool still in force, in file order, read from the verification's own checks
     * ({@link HeldServers#CHECK}) so that the page says what the verdict says.
     *
     * @param poolHolds the holds on servers of the verified pool, as the verification was given them
     * @param result    the verification, judged at {@code judgedAt}
     */
    public static List<HoldInForce> of(List<Hold> poolHolds, VerificationResult result, Instant judgedAt) {
        List<HoldInForce> inForce = new ArrayList<>();
        for (Hold hold : poolHolds) {
            if (hold.activeAt(judgedAt)) {
                inForce.add(new HoldInForce(hold, State.HELD, judgedAt));
                continue;
            }
            List<CheckStatus> found = result.checks(HeldServers.CHECK).stream()
                    .filter(check -> check.subject().equals(hold.server())).map(CheckResult::status).toList();
            if (found.contains(CheckStatus.FAIL)) {
                inForce.add(new HoldInForce(hold, State.OVERDUE, judgedAt));
            } else if (!found.contains(CheckStatus.PASS)) {
                inForce.add(new HoldInForce(hold, State.UNCONFIRMED, judgedAt));
            }
        }
        return List.copyOf(inForce);
    }
}
