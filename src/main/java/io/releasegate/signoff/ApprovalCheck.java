package io.releasegate.signoff;

import io.releasegate.config.ConfigParseException;
import io.releasegate.diff.Author;
import io.releasegate.signoff.sshsig.AllowedSigners;
import io.releasegate.signoff.sshsig.SshPublicKey;
import io.releasegate.signoff.sshsig.SshSigException;
import io.releasegate.signoff.sshsig.SshSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the signatures of the CLI's decisions before the sign-off rules see them. A signed decision is accepted
 * only when its SSH signature (namespace {@value ApprovalStatement#NAMESPACE}) verifies over its
 * {@link ApprovalStatement}, the signing key is listed in allowed_signers for a principal matching the decision's
 * email (with the line's namespaces and validity at the decision's time and now), and the reviewer id is that
 * email, its local part, or another principal of the same line. Unsigned decisions are refused unless the operator
 * allows them. One key speaks for one reviewer, and one email for one reviewer id.
 */
public final class ApprovalCheck {
    private ApprovalCheck() {
    }

    /**
     * Checks the signatures alone, for no particular change (what {@code release-gate approve} checks before it
     * appends a decision). A sign-off uses {@link #check(List, AllowedSignersSource, boolean, ChangeUnderReview,
     * Instant)}, which also knows the authors.
     */
    public static CheckedApprovals check(List<Approval> approvals, AllowedSignersSource signers,
            boolean allowUnsigned, Instant now) throws ConfigParseException {
        return check(approvals, signers, allowUnsigned, null, now);
    }

    /**
     * @param signers       where the allowed signers come from (its text may be absent)
     * @param allowUnsigned the operator's {@code --allow-unsigned-approvals}
     * @param change        the change under review, or null: a decision signed by a key that allowed_signers also
     *                      lets sign as one of its authors (or the starter), on any line and under any name, is that
     *                      person's, whatever email and reviewer id it names, so it does not count
     * @param now           the real clock: key validity is checked at the decision's time and now
     * @throws ConfigParseException when the allowed signers file exists but is invalid (file and line named)
     */
    public static CheckedApprovals check(List<Approval> approvals, AllowedSignersSource signers,
            boolean allowUnsigned, ChangeUnderReview change, Instant now) throws ConfigParseException {
        if (approvals.isEmpty()) {
            return new CheckedApprovals(List.of(), List.of(), new ApprovalTrust(true, "no decisions were given"));
        }
        AllowedSigners allowed = signers.text().isPresent()
                ? AllowedSigners.parse(signers.name(), signers.text().get()) : null;
        List<Approval> accepted = new ArrayList<>();
        List<SignOffDecision.Outcome> refused = new ArrayList<>();
        Map<String, String> reviewerByKey = new HashMap<>();
        Map<String, String> reviewerByEmail = new HashMap<>();
        int unsigned = 0;
        int verified = 0;
        List<Approval> inOrder = approvals.stream().sorted(Comparator.comparing(Approval::time)).toList();
        for (Approval approval : inOrder) {
            String who = approval.reviewer() + "'s " + (approval.isApproval() ? "approval" : "reject");
            if (!approval.isSigned()) {
                if (allowUnsigned) {
                    accepted.add(approval);
                    unsigned++;
                } else {
                    refused.add(refuse(approval, who + " is not signed, so it does not count: sign decisions with"
                            + " `release-gate approve` (only the operator's --allow-unsigned-approvals accepts"
                            + " unsigned ones)"));
                }
                continue;
            }
            if (allowed == null) {
                refused.add(refuse(approval, who + " does not count: its signature cannot be checked because "
                        + signers.name() + " does not exist (the operator may give --allowed-signers FILE)"));
                continue;
            }
            try {
                Verified proof = verify(approval, allowed, now);
                if (change != null) {
                    refuseAuthorsKey(proof, allowed, change);
                }
                String person = Names.key(approval.reviewer());
                String byKey = reviewerByKey.putIfAbsent(proof.keyFingerprint(), person);
                if (byKey != null && !byKey.equals(person)) {
                    throw new SshSigException("the same key already signed for " + byKey + "; one key speaks for"
                            + " one reviewer");
                }
                String byEmail = reviewerByEmail.putIfAbsent(Names.key(approval.email()), person);
                if (byEmail != null && !byEmail.equals(person)) {
                    throw new SshSigException(approval.email() + " already signed as " + byEmail + "; one email"
                            + " speaks for one reviewer");
                }
                accepted.add(proof.approval());
                verified++;
            } catch (SshSigException e) {
                refused.add(refuse(approval, who + " does not count: " + e.getMessage()));
            }
        }
        return new CheckedApprovals(accepted, refused, trust(unsigned, verified, refused.size(), signers, allowed));
    }

    private static ApprovalTrust trust(int unsigned, int verified, int refused, AllowedSignersSource signers,
            AllowedSigners allowed) {
        if (unsigned > 0) {
            return new ApprovalTrust(false, "approvals NOT VERIFIED: " + unsigned + " unsigned decision(s) accepted"
                    + " because of --allow-unsigned-approvals, so whoever can write the approvals file can approve");
        }
        String counts = verified + " signed decision(s) accepted" + (refused > 0 ? ", " + refused + " refused" : "");
        return new ApprovalTrust(true, allowed == null
                ? "no approval could be verified: " + signers.name() + " does not exist; " + refused
                        + " decision(s) refused"
                : "approvals verified against " + signers.name() + ": " + counts);
    }

    /** A decision whose signature checked out, with the identity the allowed signers give it and the signing key. */
    private record Verified(Approval approval, String keyFingerprint, SshPublicKey key) {
    }

    /** A literal principal of any line with local part {@code localPart} that is not {@code email}, or null. */
    private static String otherAddressWithLocalPart(AllowedSigners allowed, String localPart, String email) {
        for (AllowedSigners.Entry entry : allowed.entries()) {
            for (String principal : entry.literalPrincipals()) {
                if (Names.same(Names.localPart(principal), localPart) && !Names.same(principal, email)) {
                    return principal;
                }
            }
        }
        return null;
    }

    /**
     * Refuses a decision whose key speaks, on any line of allowed_signers, for an author of the change or its starter:
     * a principal pattern that matches an author's email, or a literal principal that is an author (as
     * {@link ChangeUnderReview#authoredBy} matches a user: email, local part, name).
     */
    private static void refuseAuthorsKey(Verified proof, AllowedSigners allowed, ChangeUnderReview change)
            throws SshSigException {
        for (AllowedSigners.Entry entry : allowed.entries()) {
            if (!entry.key().sameKey(proof.key())) {
                continue;
            }
            String where = allowed.source() + ":" + entry.line();
            for (Author author : change.authors()) {
                String email = Names.blankToNull(author.email());
                if (email != null && (entry.allows(email) || entry.allows(email.toLowerCase(Locale.ROOT)))) {
                    throw authorsKey(proof, where, email, "an author of the commits under review (" + author + ")");
                }
            }
            for (String principal : entry.literalPrincipals()) {
                if (principal.startsWith("group:")) {
                    continue;
                }
                String local = Names.localPart(principal);
                Identity identity = new Identity(local == null ? principal : local, null, principal, Set.of());
                Author author = change.authoredBy(identity);
                if (author != null) {
                    throw authorsKey(proof, where, principal, "an author of the commits under review (" + author
                            + ")");
                }
                if (change.startedBy(identity)) {
                    throw authorsKey(proof, where, principal, "who started this run");
                }
            }
        }
    }

    private static SshSigException authorsKey(Verified proof, String where, String principal, String who) {
        return new SshSigException("the " + proof.key().describe() + " that signed it may also sign as " + principal
                + " (" + where + "), " + who + ": a key speaks for one person, and an author may not approve");
    }

    private static Verified verify(Approval approval, AllowedSigners allowed, Instant now) throws SshSigException {
        if (approval.email() == null) {
            throw new SshSigException("it is signed but names no email, the principal its key is checked for");
        }
        SshSignature signature = SshSignature.parse(approval.signature());
        signature.checkParameters(ApprovalStatement.NAMESPACE);
        if (!signature.matches(ApprovalStatement.bytes(approval))) {
            throw new SshSigException("the signature by the " + signature.signer().describe() + " does not match the"
                    + " decision: a signed field (digest, reviewer, email, decision, comment or time) was changed after"
                    + " it was signed");
        }
        AllowedSigners.Entry entry = allowed.authorize(signature.signer(), approval.email(),
                ApprovalStatement.NAMESPACE, List.of(approval.time(), now));
        String reviewer = approval.reviewer();
        if (!Names.same(reviewer, approval.email()) && !Names.same(reviewer, Names.localPart(approval.email()))
                && !entry.allows(reviewer)) {
            throw new SshSigException("the reviewer id '" + reviewer + "' is not " + approval.email() + ", its local"
                    + " part, or a principal of " + allowed.source() + ":" + entry.line() + " (the "
                    + signature.signer().describe() + " may speak for " + entry.principals() + ")");
        }
        if (!Names.same(reviewer, approval.email()) && !entry.allows(reviewer)) {
            // the reviewer id is the local part: it names one person only if no other address has that local part
            String other = otherAddressWithLocalPart(allowed, reviewer, approval.email());
            if (other != null) {
                throw new SshSigException("the reviewer id '" + reviewer + "' is ambiguous: " + allowed.source()
                        + " lists both " + approval.email() + " and " + other + "; sign with the email as reviewer id,"
                        + " or name the reviewer by email in the policy");
            }
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String principal : entry.literalPrincipals()) {
            if (principal.startsWith("group:") && principal.length() > "group:".length()) {
                groups.add(principal.substring("group:".length()));
            }
        }
        Approval proven = new Approval(reviewer, groups, approval.decision(), approval.comment(), approval.time(),
                approval.digest(), null, approval.email(), approval.signature());
        return new Verified(proven, signature.signer().fingerprint(), signature.signer());
    }

    private static SignOffDecision.Outcome refuse(Approval approval, String reason) {
        return new SignOffDecision.Outcome(approval, SignOffDecision.Effect.IGNORED, reason);
    }
}
