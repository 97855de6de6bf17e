package io.releasegate.live;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link HaproxyRuntime#restore} did, in words.
 *
 * @param pool      the pool (backend) restored
 * @param changes   each change made, e.g. {@code web-02: MAINT (set by the runtime API) -> READY}
 *                  or {@code web-02: weight 5 -> 1}, with the runtime API command sent
 * @param unchanged servers already as declared, e.g. {@code web-01: READY, weight 1}
 * @param failures  what could not be restored and why, e.g. {@code web-02 is declared but absent from the live
 *                  backend: the runtime API cannot add it; reload HAProxy with the declared configuration}
 */
public record RestoreOutcome(String pool, List<String> changes, List<String> unchanged, List<String> failures)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public RestoreOutcome {
        changes = List.copyOf(changes);
        unchanged = List.copyOf(unchanged);
        failures = List.copyOf(failures);
    }

    /** Every declared server is now as declared. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** One paragraph for a report or a page. */
    public String summary() {
        StringBuilder text = new StringBuilder("restore of ").append(pool).append(": ");
        if (changes.isEmpty() && failures.isEmpty()) {
            return text.append("nothing to change, every declared server is READY with its declared weight").toString();
        }
        text.append(changes.isEmpty() ? "no change" : String.join("; ", changes));
        if (!failures.isEmpty()) {
            text.append("; FAILED: ").append(String.join("; ", failures));
        }
        return text.toString();
    }
}
