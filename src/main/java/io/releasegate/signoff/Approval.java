package io.releasegate.signoff;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reviewer's decision about one change, pinned to the change's digest. Jenkins persists it with the build.
 *
 * @param reviewer user id of the reviewer
 * @param groups   groups the reviewer belonged to when deciding (without the {@code group:} prefix)
 * @param decision approve or reject
 * @param comment  free text, may be empty, never null
 * @param time     when the decision was given
 * @param digest   the digest of the change the reviewer saw ({@code sha256:...})
 * @param fullName the reviewer's full name when known, or null; matched against git author names
 * @param email    the reviewer's mail address when known, or null; matched against git author emails
 * @param signature the armored SSH signature over the decision's {@link ApprovalStatement}, or null when unsigned
 *                  (the Jenkins plugin's decisions are never signed: the Jenkins login identifies the reviewer)
 */
public record Approval(String reviewer, Set<String> groups, Decision decision, String comment, Instant time,
        String digest, String fullName, String email, String signature) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Approval {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(digest, "digest");
        if (reviewer.isBlank()) {
            throw new IllegalArgumentException("an approval needs a reviewer");
        }
        groups = groups == null ? Set.of() : Set.copyOf(new TreeSet<>(groups));
        comment = comment == null ? "" : comment;
        fullName = Names.blankToNull(fullName);
        email = Names.blankToNull(email);
        signature = Names.blankToNull(signature);
    }

    /** An unsigned decision. */
    public Approval(String reviewer, Set<String> groups, Decision decision, String comment, Instant time,
            String digest, String fullName, String email) {
        this(reviewer, groups, decision, comment, time, digest, fullName, email, null);
    }

    /** An approval by a user known only by id and groups. */
    public Approval(String reviewer, Set<String> groups, Decision decision, String comment, Instant time,
            String digest) {
        this(reviewer, groups, decision, comment, time, digest, null, null);
    }

    /** The decision of {@code who} on {@code digest}, now. */
    public static Approval by(Identity who, Decision decision, String comment, Instant time, String digest) {
        return new Approval(who.id(), who.groups(), decision, comment, time, digest, who.fullName(), who.email());
    }

    /** The reviewer as an identity, for the eligibility rules. */
    public Identity identity() {
        return new Identity(reviewer, fullName, email, groups);
    }

    public boolean isApproval() {
        return decision == Decision.APPROVE;
    }

    /** Whether the decision carries an SSH signature (not whether it verifies). */
    public boolean isSigned() {
        return signature != null;
    }

    /** This decision with {@code armored} as its signature. */
    public Approval withSignature(String armored) {
        return new Approval(reviewer, groups, decision, comment, time, digest, fullName, email, armored);
    }
}
