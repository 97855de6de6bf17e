package io.releasegate.recovery;

import io.releasegate.paging.Page;
import java.io.Serializable;
import java.util.Objects;

/**
 * What the pages of a recovery are about: the gate (the CLI's {@code --gate}, the Jenkins job), the pool, the change
 * when one was reviewed, and a link to the report.
 *
 * @param gate         the gate's name (part of the dedup key)
 * @param pool         the verified pool
 * @param change       the deployed change, or null when no change is known (a verification between deploys)
 * @param link         a link for the pages (the report, the build's page), or null
 * @param earlierOpen  the dedup key of an incident an earlier run left open for this pool, resolved when this
 *                     verification passes; null for none
 */
public record Incident(String gate, String pool, ChangeFacts change, String link, String earlierOpen)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Incident {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(pool, "pool");
        link = link == null || link.isBlank() ? null : link;
        earlierOpen = earlierOpen == null || earlierOpen.isBlank() ? null : earlierOpen;
    }

    /** The dedup key of every page about this gate, pool and change ({@link Page#dedupKey}). */
    public String dedupKey() {
        return Page.dedupKey(gate, pool, change == null ? null : change.digest());
    }

    /** What the pages name as their source: {@code release-gate <gate>}. */
    public String source() {
        return "release-gate " + gate;
    }
}
