package io.releasegate.signoff;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may release a change and how many of them must agree.
 *
 * @param requiredApprovals how many distinct allowed reviewers must approve (0: no sign-off needed)
 * @param users             user ids allowed to approve
 * @param groups            groups whose members are allowed to approve (without the {@code group:} prefix)
 * @param maxAge            approvals older than this expire; null when they never expire
 */
public record SignOffPolicy(int requiredApprovals, Set<String> users, Set<String> groups, Duration maxAge)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String GROUP_PREFIX = "group:";

    public SignOffPolicy {
        if (requiredApprovals < 0) {
            throw new IllegalArgumentException("required approvals must be 0 or more, not " + requiredApprovals);
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("the maximum age of an approval must be positive, not " + maxAge);
        }
        users = users == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(users));
        groups = groups == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(groups));
    }

    /**
     * Reads a reviewers string such as {@code bob, carol, group:lb-reviewers}: comma or whitespace separated user
     * ids, and group names prefixed with {@code group:}.
     */
    public static SignOffPolicy of(String reviewers, int requiredApprovals, Duration maxAge) {
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (String token : splitReviewers(reviewers)) {
            if (token.regionMatches(true, 0, GROUP_PREFIX, 0, GROUP_PREFIX.length())) {
                String group = token.substring(GROUP_PREFIX.length()).trim();
                if (group.isEmpty()) {
                    throw new IllegalArgumentException("'" + token + "' names no group; write group:NAME");
                }
                groups.add(group);
            } else {
                users.add(token);
            }
        }
        return new SignOffPolicy(requiredApprovals, users, groups, maxAge);
    }

    private static List<String> splitReviewers(String reviewers) {
        List<String> tokens = new ArrayList<>();
        if (reviewers != null) {
            for (String token : reviewers.split("[,\\s]+")) {
                if (!token.isBlank()) {
                    tokens.add(token.trim());
                }
            }
        }
        return tokens;
    }

    /** The group this user is allowed through, the user id when named, or null when not allowed at all. */
    String allowedAs(Identity user) {
        for (String named : sorted(users)) {
            if (Names.same(named, user.id())) {
                return "named reviewer " + named;
            }
        }
        for (String group : sorted(groups)) {
            for (String member : user.groups()) {
                if (Names.same(group, member)) {
                    return "member of group:" + group;
                }
            }
        }
        return null;
    }

    /** {@code bob, carol, group:lb-reviewers}, or {@code nobody}. */
    public String describeReviewers() {
        List<String> all = reviewerList();
        return all.isEmpty() ? "nobody" : String.join(", ", all);
    }

    /** Named users then {@code group:NAME} entries, sorted. */
    public List<String> reviewerList() {
        List<String> all = new ArrayList<>(sorted(users));
        sorted(groups).forEach(group -> all.add(GROUP_PREFIX + group));
        return all;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
