package io.releasegate.signoff;

import io.releasegate.diff.Author;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sign-off rules shared by the CLI and the Jenkins plugin.
 * <ul>
 *   <li>only decisions whose digest equals the change's digest count;</li>
 *   <li>a reviewer must be allowed: named in the policy, or a member of a named group;</li>
 *   <li>an author of the commits under review (git author email, its local part or name matched against the user's
 *       id, full name and mail address, case-insensitively) never counts, nor does the user who started the build;
 *       neither is ever listed among those who may still approve;</li>
 *   <li>approvals dated more than {@link #MAX_CLOCK_SKEW} after now do not count; approvals older than the policy's
 *       maximum age (measured from their time to now, the real clock) expire; rejects block whatever their time;</li>
 *   <li>any reject by an allowed reviewer blocks the change;</li>
 *   <li>otherwise the change is released when at least {@code requiredApprovals} distinct reviewers approved.</li>
 * </ul>
 */
public final class SignOff {
    /** How far in the future a decision may be dated (the reviewer's clock may run ahead) and still count. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private SignOff() {
    }

    /** Whether {@code user} may approve {@code change} under {@code policy}, with the reason in words. */
    public static Eligibility canApprove(Identity user, ChangeUnderReview change, SignOffPolicy policy) {
        String who = user.id();
        if (change.startedBy(user)) {
            return new Eligibility(false, who + " started this build and may not approve the change it deploys");
        }
        Author author = change.authoredBy(user);
        if (author != null) {
            return new Eligibility(false, who + " is an author of the commits under review (" + author
                    + ") and may not approve them");
        }
        String allowedAs = policy.allowedAs(user);
        if (allowedAs == null) {
            return new Eligibility(false, who + " is neither a named reviewer nor a member of a reviewer group"
                    + " (reviewers: " + policy.describeReviewers() + ")");
        }
        return new Eligibility(true, who + " may approve as " + allowedAs);
    }

    /** The sign-off rules without a build starter. */
    public static SignOffDecision evaluate(String digest, SignOffPolicy policy, List<Author> authors,
            List<Approval> approvals, Instant now) {
        return evaluate(new ChangeUnderReview(digest, authors, null), policy, approvals, now);
    }

    /**
     * Applies every rule to {@code approvals} (any order) for {@code change} at time {@code now}, for decisions whose
     * reviewers the host identified (the Jenkins login).
     */
    public static SignOffDecision evaluate(ChangeUnderReview change, SignOffPolicy policy, List<Approval> approvals,
            Instant now) {
        return evaluate(change, policy, CheckedApprovals.identifiedByHost(approvals), now);
    }

    /**
     * Applies every rule to the accepted decisions of {@code checked} for {@code change} at time {@code now} (the
     * real clock); the refused ones are listed with their reasons and never count.
     */
    public static SignOffDecision evaluate(ChangeUnderReview change, SignOffPolicy policy, CheckedApprovals checked,
            Instant now) {
        List<Approval> inOrder = checked.accepted().stream().sorted(Comparator.comparing(Approval::time)).toList();
        Map<String, Approval> counted = new LinkedHashMap<>();
        List<SignOffDecision.Outcome> outcomes = new ArrayList<>(checked.refused());
        Approval blocking = null;
        for (Approval approval : inOrder) {
            SignOffDecision.Outcome outcome = judge(approval, change, policy, counted, now);
            outcomes.add(outcome);
            if (outcome.effect() == SignOffDecision.Effect.BLOCKS && blocking == null) {
                blocking = approval;
            }
        }
        outcomes.sort(Comparator.comparing(outcome -> outcome.approval().time()));
        int required = policy.requiredApprovals();
        List<Approval> countedList = List.copyOf(counted.values());
        ApprovalTrust trust = checked.trust();
        String caveat = trust.verified() ? "" : " (" + trust.summary() + ")";
        if (blocking != null) {
            String summary = "rejected by " + blocking.reviewer()
                    + (blocking.comment().isBlank() ? "" : ": \"" + blocking.comment() + "\"");
            return new SignOffDecision(SignOffDecision.Status.REJECTED, countedList, outcomes, required, 0,
                    List.of(), summary + caveat, trust);
        }
        int missing = Math.max(0, required - countedList.size());
        List<String> mayStill = missing == 0 ? List.of() : mayStillApprove(policy, change, counted);
        if (missing == 0) {
            String summary = required == 0 ? "released: no approval is required"
                    : "released: " + countedList.size() + " of " + required + " required approvals ("
                            + String.join(", ", countedList.stream().map(Approval::reviewer).toList()) + ")";
            return new SignOffDecision(SignOffDecision.Status.RELEASED, countedList, outcomes, required, 0,
                    List.of(), summary + caveat, trust);
        }
        String summary = "pending: " + countedList.size() + " of " + required + " required approvals; " + missing
                + " more needed from " + (mayStill.isEmpty() ? "nobody (no allowed reviewer is left)"
                        : String.join(", ", mayStill));
        return new SignOffDecision(SignOffDecision.Status.PENDING, countedList, outcomes, required, missing,
                mayStill, summary + caveat, trust);
    }

    private static SignOffDecision.Outcome judge(Approval approval, ChangeUnderReview change, SignOffPolicy policy,
            Map<String, Approval> counted, Instant now) {
        String who = approval.reviewer();
        String what = approval.isApproval() ? "approval" : "reject";
        if (!approval.digest().equals(change.digest())) {
            return ignored(approval, who + "'s " + what + " is for digest " + Names.shortDigest(approval.digest())
                    + " but the change is " + Names.shortDigest(change.digest()) + ": it does not count");
        }
        Eligibility eligibility = canApprove(approval.identity(), change, policy);
        if (!eligibility.allowed()) {
            return ignored(approval, who + "'s " + what + " does not count: " + eligibility.reason());
        }
        if (!approval.isApproval()) {
            return new SignOffDecision.Outcome(approval, SignOffDecision.Effect.BLOCKS, who + " rejected the change"
                    + (approval.comment().isBlank() ? "" : ": \"" + approval.comment() + "\"") + "; it is blocked");
        }
        if (approval.time().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return ignored(approval, who + "'s approval is dated " + approval.time() + ", more than "
                    + describe(MAX_CLOCK_SKEW) + " after now (" + now + "): a decision from the future does not count");
        }
        Duration maxAge = policy.maxAge();
        if (maxAge != null && approval.time().plus(maxAge).isBefore(now)) {
            return ignored(approval, who + "'s approval of " + approval.time() + " is older than the maximum age of "
                    + describe(maxAge) + ": it has expired");
        }
        String key = Names.key(who);
        if (counted.containsKey(key)) {
            return ignored(approval, who + " already approved this change; a reviewer counts once");
        }
        counted.put(key, approval);
        return new SignOffDecision.Outcome(approval, SignOffDecision.Effect.COUNTED, who + "'s approval counts ("
                + counted.size() + " of " + policy.requiredApprovals() + ")");
    }

    private static SignOffDecision.Outcome ignored(Approval approval, String reason) {
        return new SignOffDecision.Outcome(approval, SignOffDecision.Effect.IGNORED, reason);
    }

    private static List<String> mayStillApprove(SignOffPolicy policy, ChangeUnderReview change,
            Map<String, Approval> counted) {
        List<String> result = new ArrayList<>();
        for (String entry : policy.reviewerList()) {
            if (entry.startsWith("group:")) {
                result.add(entry);
                continue;
            }
            boolean allowed = canApprove(Identity.of(entry), change, policy).allowed();
            if (allowed && !counted.containsKey(Names.key(entry))) {
                result.add(entry);
            }
        }
        return result;
    }

    /** {@code 24h}, {@code 90m}, {@code 45s}: the way the policy file writes durations. */
    static String describe(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
