package io.releasegate.gate;

import io.releasegate.policy.AssessedChange;
import io.releasegate.policy.ChangeReport;
import io.releasegate.paging.Page;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.paging.Severity;
import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.VerificationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of a gate run: one dedup key per gate, pool and change digest; a trigger when the deploy or the
 * verification failed (at {@code error} when the rollback ran, at {@code critical} when it failed or there is none),
 * a second critical trigger with the same key when the rollback did not recover the pool, a resolve when it did.
 */
final class GatePages {
    private final String gate;
    private final String pool;
    private final ChangeReport change;
    private final String reportLink;
    private final String dedupKey;

    GatePages(String gate, String pool, ChangeReport change, String reportLink) {
        this.gate = gate;
        this.pool = pool;
        this.change = change;
        this.reportLink = reportLink;
        this.dedupKey = Page.dedupKey(gate, pool, change.digest());
    }

    String dedupKey() {
        return dedupKey;
    }

    /** The page sent right after the rollback ran (or could not run). */
    Page failed(String failure, VerificationResult verification, RollbackResult rollback, Instant now) {
        boolean rolledBack = rollback != null && rollback.succeeded();
        String rollbackWords = rollback == null ? "NO ROLLBACK is configured"
                : rolledBack ? "rolled back (" + rollback.action() + "), verifying again"
                : "ROLLBACK FAILED: " + rollback.reason();
        String summary = "release-gate " + gate + ": " + failure + " after deploying " + shortSha(change.diff().head())
                + " to pool " + pool + "; " + rollbackWords;
        return build(summary, rolledBack ? Severity.ERROR : Severity.CRITICAL, verification, rollback, null, now);
    }

    /** The page sent when the verification after the rollback did not pass. */
    Page notRecovered(VerificationResult verification, RollbackResult rollback, VerificationResult reverification,
            Instant now) {
        String summary = "release-gate " + gate + ": pool " + pool + " DID NOT RECOVER after the rollback: "
                + (reverification == null ? "the base revision's pool cannot be verified"
                        : firstReason(reverification));
        return build(summary, Severity.CRITICAL, verification, rollback, reverification, now);
    }

    Page resolved(Instant now) {
        return Page.resolve(dedupKey, "release-gate " + gate, now);
    }

    private Page build(String summary, Severity severity, VerificationResult verification, RollbackResult rollback,
            VerificationResult reverification, Instant now) {
        Page.Builder page = Page.trigger(dedupKey, summary).severity(severity).source("release-gate " + gate)
                .component(pool).group(gate).eventClass("release-gate verification").timestamp(now);
        page.detail("verdict", verification == null ? "not verified (the deploy failed)"
                : verification.verdict().name());
        page.detail("failing checks", verification == null ? List.of() : failing(verification));
        page.detail("change", changeDetails());
        page.detail("rollback", rollbackDetails(rollback));
        if (reverification != null) {
            page.detail("after rollback", reverification.verdict().name() + ": "
                    + String.join("; ", reverification.reasons()));
        }
        if (reportLink != null && !reportLink.isBlank()) {
            page.link(reportLink, "release-gate report");
        }
        return page.build();
    }

    private Map<String, Object> changeDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("base", change.diff().base());
        details.put("head", change.diff().head());
        details.put("digest", change.digest());
        details.put("risk", change.risk().name());
        List<String> changes = new ArrayList<>();
        for (AssessedChange assessed : change.changes()) {
            changes.add(assessed.risk() + " " + assessed.change().kind() + ": " + assessed.change().message());
        }
        details.put("changes", changes);
        return details;
    }

    private static Map<String, Object> rollbackDetails(RollbackResult rollback) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (rollback == null) {
            details.put("outcome", "no rollback configured");
            return details;
        }
        details.put("action", rollback.action());
        details.put("outcome", rollback.succeeded() ? "succeeded" : "FAILED");
        details.put("reason", rollback.reason());
        details.put("durationMs", rollback.durationMs());
        return details;
    }

    static List<String> failing(VerificationResult result) {
        List<String> failing = new ArrayList<>();
        for (CheckResult check : result.checks()) {
            if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR
                    || check.status() == CheckStatus.INCONCLUSIVE) {
                failing.add(check.status() + " " + check.check() + " " + check.subject() + ": " + check.reason());
            }
        }
        return failing;
    }

    static String firstReason(VerificationResult result) {
        return result.reasons().isEmpty() ? result.verdict().name() : result.reasons().get(0);
    }

    static String shortSha(String sha) {
        return sha.length() > 10 ? sha.substring(0, 10) : sha;
    }
}
