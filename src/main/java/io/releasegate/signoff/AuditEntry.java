package io.releasegate.signoff;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the sign-off audit trail: who did what, when, about which digest, and the rule outcome in words.
 *
 * @param time    when it happened
 * @param actor   user id, or {@code release-gate} for the rules themselves
 * @param kind    what happened
 * @param comment the actor's comment, or the outcome in words; never null
 * @param digest  the digest concerned, or null
 */
public record AuditEntry(Instant time, String actor, Kind kind, String comment, String digest)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The actor name the rules use for their own entries. */
    public static final String RULES = "release-gate";

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        comment = comment == null ? "" : comment;
    }

    /** What an entry records. */
    public enum Kind {
        /** A reviewer approved. */
        APPROVE,
        /** A reviewer rejected. */
        REJECT,
        /** The rules re-evaluated the sign-off; the comment says the outcome. */
        OUTCOME,
        /** The sign-off was requested or reviewers were notified or reminded. */
        REQUEST,
        /** The wait timed out. */
        TIMEOUT,
        /** Someone aborted the wait (the build was stopped). */
        ABORT
    }

    /** The entry for a decision. */
    public static AuditEntry of(Approval approval) {
        Kind kind = approval.isApproval() ? Kind.APPROVE : Kind.REJECT;
        return new AuditEntry(approval.time(), approval.reviewer(), kind, approval.comment(), approval.digest());
    }

    /** {@code 2026-11-24T04:00:00Z bob APPROVE sha256:ab12… "looks right"}. */
    public String describe() {
        return time + " " + actor + " " + kind + (digest == null ? "" : " " + Names.shortDigest(digest))
                + (comment.isBlank() ? "" : " \"" + comment + "\"");
    }
}
