package io.releasegate.report;

import io.releasegate.paging.Attempt;
import io.releasegate.paging.PageResult;
import io.releasegate.recovery.ReactionTimes;
import io.releasegate.recovery.RecoveryResult;
import io.releasegate.rollback.RollbackResult;
import io.releasegate.verify.VerificationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recovery (verification, pages, rollback, second verification) as plain maps, lists, strings, numbers and
 * booleans: the {@code recovery}-related parts of {@code release-gate run --format json} and what the Jenkins steps
 * {@code releaseGateVerify} and {@code releaseGate} return to a (sandboxed) Pipeline.
 */
public final class RecoveryJson {
    private RecoveryJson() {
    }

    /**
     * What the Jenkins steps return: the verification's fields ({@link VerificationJson}) at the top, then
     * {@code outcome}, {@code summary}, {@code rolledBack} (true only for a rollback whose outcome is OK),
     * {@code recovered}, {@code rollback}, {@code afterRollback}, {@code pages}, {@code reaction} and
     * {@code incidentKey}.
     */
    public static Map<String, Object> toMap(RecoveryResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (result.verification() != null) {
            map.putAll(verification(result.verification()));
        } else {
            map.put("verdict", result.verdict());
            map.put("reasons", new ArrayList<>(List.of(result.reason())));
        }
        map.put("outcome", result.outcome().name());
        map.put("summary", result.summary());
        map.put("rolledBack", result.rolledBack());
        map.put("recovered", result.recovered());
        map.put("rollback", rollback(result.rollback()));
        map.put("afterRollback", result.reverification() == null ? null : verification(result.reverification()));
        map.put("pages", pages(result.pages()));
        map.put("reaction", reaction(result.reaction()));
        map.put("incidentKey", result.incidentKey());
        return map;
    }

    /** The verification JSON of {@code verify --format json} as a plain map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> verification(VerificationResult result) {
        return Json.mapper().convertValue(VerificationJson.toTree(result), LinkedHashMap.class);
    }

    /** {@code {action, outcome, rolledBack, exitCode, timedOut, durationMs, reason, output}}, or null. */
    public static Map<String, Object> rollback(RollbackResult rollback) {
        if (rollback == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", rollback.action());
        map.put("outcome", rollback.outcome().name());
        map.put("rolledBack", rollback.rolledBack());
        map.put("exitCode", rollback.exitCode());
        map.put("timedOut", rollback.timedOut());
        map.put("durationMs", rollback.durationMs());
        map.put("reason", rollback.reason());
        map.put("output", rollback.output());
        return map;
    }

    /** Each page as {@code {action, dedupKey, severity, summary, customDetails, delivered, deliveredTo, reason, attempts}}. */
    public static List<Object> pages(List<PageResult> pages) {
        List<Object> list = new ArrayList<>();
        for (PageResult result : pages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("action", result.page().action().wire());
            map.put("dedupKey", result.page().dedupKey());
            map.put("severity", result.page().severity().wire());
            map.put("summary", result.page().summary());
            map.put("customDetails", new LinkedHashMap<>(result.page().customDetails()));
            map.put("delivered", result.delivered());
            map.put("deliveredTo", result.deliveredTo());
            map.put("reason", result.reason());
            map.put("attempts", attempts(result.attempts()));
            list.add(map);
        }
        return list;
    }

    /** {@code {pageAcceptedMs, rollbackStartMs, rollbackDurationMs}}, or null when nothing failed. */
    public static Map<String, Object> reaction(ReactionTimes reaction) {
        if (reaction == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pageAcceptedMs", reaction.pageAcceptedMs());
        map.put("rollbackStartMs", reaction.rollbackStartMs());
        map.put("rollbackDurationMs", reaction.rollbackDurationMs());
        return map;
    }

    /** The delivery attempts of a page as plain maps. */
    public static List<Object> attempts(List<Attempt> attempts) {
        List<Object> result = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("contact", attempt.contact());
            entry.put("attempt", attempt.attempt());
            entry.put("time", attempt.time().toString());
            entry.put("outcome", attempt.outcome().name());
            entry.put("statusCode", attempt.statusCode());
            entry.put("error", attempt.error());
            entry.put("durationMs", attempt.durationMs());
            result.add(entry);
        }
        return result;
    }
}
