package io.releasegate.watch;

import io.releasegate.paging.Page;
import java.time.Instant;

/**
 * The pages of the watch: one dedup key per pool and cause ({@code release-gate/watch/web/drift},
 * {@code release-gate/watch/web/hold/web-02}), so a second trigger updates the incident and the resolve closes it.
 */
public final class WatchPages {
    /** What every watch dedup key starts with. */
    public static final String KEY_PREFIX = "release-gate/watch/";
    static final String SOURCE = "release-gate watch";

    private WatchPages() {
    }

    /** The page of {@code order} at {@code now}. */
    public static Page page(PageOrder order, int cycles, Instant now) {
        Finding finding = order.finding();
        String key = KEY_PREFIX + order.key();
        if (order.kind() == PageOrder.Kind.RESOLVE) {
            return Page.resolve(key, SOURCE, now);
        }
        String summary = order.kind() == PageOrder.Kind.ESCALATE
                ? finding.summary() + " (still failing after " + cycles + " cycles: escalated to the on-call chain)"
                : finding.summary();
        return Page.trigger(key, "release-gate watch: " + summary).severity(finding.severity()).source(SOURCE)
                .component(finding.pool()).group("watch").eventClass("release-gate watch " + causeClass(finding))
                .timestamp(now).detail("pool", finding.pool()).detail("cause", finding.cause())
                .detail("failing cycles", cycles).detail("failing checks", finding.details()).build();
    }

    private static String causeClass(Finding finding) {
        int slash = finding.cause().indexOf('/');
        return slash < 0 ? finding.cause() : finding.cause().substring(0, slash);
    }
}
