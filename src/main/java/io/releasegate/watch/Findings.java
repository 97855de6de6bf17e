package io.releasegate.watch;

import io.releasegate.hold.Hold;
import io.releasegate.hold.HoldTimes;
import io.releasegate.paging.Severity;
import io.releasegate.verify.HeldServers;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one cycle's verification of a pool into its failing causes, each reported as what it is:
 * <ul>
 *   <li>{@code unreachable}: nothing answered through the load balancer (refused, timed out);</li>
 *   <li>{@code errors}: too many failed requests; {@code distribution}: a declared server without its share, or an
 *       undeclared one with traffic; {@code health}; {@code drift}: the live load balancer differs from HEAD;</li>
 *   <li>{@code live-state}: the live state could not be read (HAProxy restarting, the socket gone);</li>
 *   <li>{@code inconclusive}: the cycle's budget or deadline cut the run short of a verdict;</li>
 *   <li>{@code hold/SERVER}: its hold ended and it is still out (critical, pages at once, its owner first), or it
 *       ends within the reminder time (a warning to its owner).</li>
 * </ul>
 */
final class Findings {
    private Findings() {
    }

    static List<Finding> of(String pool, VerificationResult result, List<Hold> holds, Instant now,
            Duration reminder, int failAfter) {
        Map<String, List<CheckResult>> byCause = new LinkedHashMap<>();
        for (CheckResult check : result.checks()) {
            if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR) {
                byCause.computeIfAbsent(cause(check, result), k -> new ArrayList<>()).add(check);
            } else if (check.status() == CheckStatus.INCONCLUSIVE) {
                byCause.computeIfAbsent("inconclusive", k -> new ArrayList<>()).add(check);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byCause.forEach((cause, checks) -> findings.add(finding(pool, cause, checks, holds, failAfter)));
        for (Hold hold : holds) {
            String cause = "hold/" + hold.server();
            Duration left = hold.remaining(now);
            if (!byCause.containsKey(cause) && hold.activeAt(now) && left.compareTo(reminder) <= 0) {
                findings.add(new Finding(pool, cause, Severity.WARNING, "reminder: " + hold.server()
                        + " is due back in pool " + pool + " at " + HoldTimes.clock(hold.until(), now) + ", in "
                        + HoldTimes.duration(left) + " (" + hold.byWhom() + "); put it back and release the hold, "
                        + "or extend it", List.of(hold.where()), 1, owner(hold)));
            }
        }
        return findings;
    }

    /** A pool that could not be verified at all this cycle (not declared at HEAD, every server held, ...). */
    static Finding unverifiable(String pool, String reason, int failAfter) {
        return new Finding(pool, "verification", Severity.ERROR, "pool " + pool + " cannot be verified: " + reason,
                List.of(reason), failAfter, List.of());
    }

    private static String cause(CheckResult check, VerificationResult result) {
        return switch (check.check()) {
            case "errors" -> result.tally().identified() == 0 && check.status() == CheckStatus.FAIL ? "unreachable"
                    : check.status() == CheckStatus.ERROR ? "unreachable" : "errors";
            case "missing", "unexpected", "distribution" -> "distribution";
            case "health" -> "health";
            case "drift" -> check.status() == CheckStatus.ERROR ? "live-state" : "drift";
            case "live" -> "live-state";
            case HeldServers.CHECK -> "hold/" + check.subject();
            default -> check.check();
        };
    }

    private static Finding finding(String pool, String cause, List<CheckResult> checks, List<Hold> holds,
            int failAfter) {
        List<String> details = checks.stream().map(c -> c.status() + " " + c.check() + " " + c.subject() + ": "
                + c.reason()).toList();
        String first = checks.get(0).reason();
        if (cause.startsWith("hold/")) {
            String server = cause.substring("hold/".length());
            List<String> owner = holds.stream().filter(h -> h.server().equals(server)).findFirst()
                    .map(Findings::owner).orElse(List.of());
            return new Finding(pool, cause, Severity.CRITICAL, first, details, 1, owner);
        }
        Severity severity = switch (cause) {
            case "live-state", "inconclusive" -> Severity.WARNING;
            case "health" -> Severity.ERROR;
            default -> checks.stream().allMatch(c -> c.status() == CheckStatus.ERROR) ? Severity.ERROR
                    : Severity.CRITICAL;
        };
        String words = switch (cause) {
            case "unreachable" -> "pool " + pool + ": the load balancer is unreachable: ";
            case "live-state" -> "pool " + pool + ": cannot read the live state: ";
            case "inconclusive" -> "pool " + pool + ": no verdict this cycle: ";
            default -> "pool " + pool + ": ";
        };
        return new Finding(pool, cause, severity, words + first, details, failAfter, List.of());
    }

    private static List<String> owner(Hold hold) {
        return hold.contact().isEmpty() ? List.of() : List.of(hold.contact());
    }
}
