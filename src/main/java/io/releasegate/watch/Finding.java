package io.releasegate.watch;

import io.releasegate.paging.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cause that fails for a pool in one cycle, with what its page says.
 *
 * @param pool      the pool (or {@code repository} for the watch's own repository)
 * @param cause     what fails: {@code distribution}, {@code errors}, {@code unreachable}, {@code health},
 *                  {@code drift}, {@code live-state}, {@code verification}, {@code hold/web-02}, ...
 * @param severity  how bad: a hold reminder is a warning, an expired hold critical
 * @param summary   the page's one-line summary
 * @param details   the failing checks in words
 * @param afterCycles consecutive failing cycles before it pages (1 for what is certain, like an ended hold)
 * @param owner     escalation contacts tried before the chain (a hold's contact), empty for the chain alone
 */
public record Finding(String pool, String cause, Severity severity, String summary, List<String> details,
        int afterCycles, List<String> owner) {
    public Finding {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
        owner = List.copyOf(owner);
        if (afterCycles < 1) {
            throw new IllegalArgumentException("afterCycles must be at least 1, was " + afterCycles);
        }
    }

    /** {@code web/drift}: one incident, one dedup key per pool and cause. */
    public String key() {
        return pool + "/" + cause;
    }

    /** The severities in increasing order of urgency, for "has it become worse". */
    static int rank(Severity severity) {
        return Map.of(Severity.INFO, 0, Severity.WARNING, 1, Severity.ERROR, 2, Severity.CRITICAL, 3).get(severity);
    }
}
