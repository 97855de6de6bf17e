package io.releasegate.signoff;

import io.releasegate.config.PrintableText;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the sign-off rules for one change: released, still pending, or rejected, with the reason for
 * every approval in words.
 *
 * @param status           released, pending or rejected
 * @param counted          the approvals that count, one per reviewer, oldest first
 * @param outcomes         every approval given, with whether it counted and why
 * @param required         approvals the policy requires
 * @param missing          how many more distinct allowed reviewers must approve (0 when released or rejected)
 * @param mayStillApprove  named reviewers who have not approved yet and {@code group:NAME} entries
 * @param summary          one sentence for logs and pages, on one line (unprintable characters shown escaped)
 * @param trust            how the reviewers were identified (verified signatures, the host's login, or not at all)
 */
public record SignOffDecision(Status status, List<Approval> counted, List<Outcome> outcomes, int required,
        int missing, List<String> mayStillApprove, String summary, ApprovalTrust trust) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SignOffDecision {
        Objects.requireNonNull(status, "status");
        counted = List.copyOf(counted);
        outcomes = List.copyOf(outcomes);
        mayStillApprove = List.copyOf(mayStillApprove);
        // the approvals file is anyone's: a reviewer or comment it quotes stays on one line
        summary = PrintableText.shown(Objects.requireNonNull(summary, "summary"));
        trust = trust == null ? ApprovalTrust.HOST_LOGIN : trust;
    }

    /** A decision about reviewers the host identified (the Jenkins login). */
    public SignOffDecision(Status status, List<Approval> counted, List<Outcome> outcomes, int required, int missing,
            List<String> mayStillApprove, String summary) {
        this(status, counted, outcomes, required, missing, mayStillApprove, summary, ApprovalTrust.HOST_LOGIN);
    }

    /** Where the sign-off stands. */
    public enum Status {
        /** Enough distinct allowed reviewers approved this digest and nobody rejected it. */
        RELEASED,
        /** Not enough approvals yet. */
        PENDING,
        /** An allowed reviewer rejected this digest. */
        REJECTED
    }

    /**
     * What the rules made of one approval.
     *
     * @param approval the decision as given
     * @param effect   whether it counted, blocked, or was ignored
     * @param reason   why, in words, on one line (unprintable characters shown escaped)
     */
    public record Outcome(Approval approval, Effect effect, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Outcome {
            reason = PrintableText.shown(reason);
        }
    }

    /** The effect of one decision on the sign-off. */
    public enum Effect {
        /** An approval that counts towards the required number. */
        COUNTED,
        /** A reject that blocks the change. */
        BLOCKS,
        /**
         * A decision the rules ignore (unsigned or badly signed, other digest, not allowed, author, starter, dated in
         * the future, expired, repeated).
         */
        IGNORED
    }

    public boolean isReleased() {
        return status == Status.RELEASED;
    }

    /** The reasons, one line per approval, in the order the approvals were given. */
    public List<String> reasons() {
        return outcomes.stream().map(Outcome::reason).toList();
    }
}
