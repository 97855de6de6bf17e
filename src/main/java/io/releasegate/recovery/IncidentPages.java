package io.releasegate.recovery;

import io.releasegate.paging.Page;
import io.releasegate.paging.Severity;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.verify.VerificationResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of one incident, all with its dedup key: a trigger as soon as the failure is known (at {@code error} when
 * a rollback follows, at {@code critical} when there is none), a critical trigger when the rollback fails, does not
 * start or does not bring the pool back, and a resolve when it does.
 */
final class IncidentPages {
    private final Incident incident;
    private final String dedupKey;

    IncidentPages(Incident incident) {
        this.incident = incident;
        this.dedupKey = incident.dedupKey();
    }

    String dedupKey() {
        return dedupKey;
    }

    /** The first page, sent the moment the failure is known, before anything is rolled back. */
    Page failed(String failure, VerificationResult verification, boolean rollbackFollows, Instant now) {
        String summary = prefix() + failure + deployed() + "; " + (rollbackFollows ? "rolling back now"
                : "NO ROLLBACK is configured");
        Map<String, Object> rollback = new LinkedHashMap<>();
        rollback.put("outcome", rollbackFollows ? "STARTING" : "NONE");
        rollback.put("reason", rollbackFollows ? "the rollback starts right after this page"
                : "no rollback is configured");
        return build(summary, rollbackFollows ? Severity.ERROR : Severity.CRITICAL, verification, rollback, null,
                now);
    }

    /** The rollback failed or did not start: the pool is still broken. */
    Page rollbackFailed(VerificationResult verification, RollbackResult rollback, Instant now) {
        String summary = prefix() + "pool " + incident.pool() + " is NOT RECOVERED: the rollback "
                + (rollback.outcome() == RollbackResult.Outcome.NOT_STARTED ? "DID NOT START" : "FAILED") + ": "
                + rollback.reason();
        return build(summary, Severity.CRITICAL, verification, details(rollback), null, now);
    }

    /** The rollback ran but the pool does not pass its verification again. */
    Page notRecovered(VerificationResult verification, RollbackResult rollback, VerificationResult reverification,
            String problem, Instant now) {
        String summary = prefix() + "pool " + incident.pool() + " DID NOT RECOVER after the rollback: "
                + (reverification == null ? problem : VerificationWords.firstReason(reverification));
        return build(summary, Severity.CRITICAL, verification, details(rollback), reverification == null
                ? problem : reverification.verdict() + ": " + String.join("; ", reverification.reasons()), now);
    }

    Page resolved(Instant now) {
        return Page.resolve(dedupKey, incident.source(), now);
    }

    /** Resolves the incident an earlier run left open for this pool. */
    Page resolveEarlier(Instant now) {
        return Page.resolve(incident.earlierOpen(), incident.source(), now);
    }

    private String prefix() {
        return "release-gate " + incident.gate() + ": ";
    }

    private String deployed() {
        return incident.change() == null ? " (pool " + incident.pool() + ")"
                : " after deploying " + incident.change().shortHead() + " to pool " + incident.pool();
    }

    private Page build(String summary, Severity severity, VerificationResult verification,
            Map<String, Object> rollback, String afterRollback, Instant now) {
        Page.Builder page = Page.trigger(dedupKey, summary).severity(severity).source(incident.source())
                .component(incident.pool()).group(incident.gate()).eventClass("release-gate verification")
                .timestamp(now);
        page.detail("verdict", verification == null ? "not verified" : verification.verdict().name());
        page.detail("failing checks", verification == null ? List.of() : VerificationWords.failing(verification));
        if (incident.change() != null) {
            page.detail("change", change(incident.change()));
        }
        page.detail("rollback", rollback);
        if (afterRollback != null) {
            page.detail("after rollback", afterRollback);
        }
        if (incident.link() != null) {
            page.link(incident.link(), "release-gate report");
        }
        return page.build();
    }

    private static Map<String, Object> change(ChangeFacts change) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("base", change.base());
        details.put("head", change.head());
        details.put("digest", change.digest());
        details.put("risk", change.risk());
        details.put("changes", change.changes());
        return details;
    }

    private static Map<String, Object> details(RollbackResult rollback) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", rollback.action());
        details.put("outcome", rollback.outcome().name());
        details.put("exitCode", rollback.exitCode());
        details.put("reason", rollback.reason());
        details.put("durationMs", rollback.durationMs());
        return details;
    }
}
