package io.releasegate.paging;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of sending a run's pages: OK when every page was delivered, ERROR otherwise, with the reason in words
 * naming each undelivered page and where it waits ({@code outbox} may be null when none was configured).
 */
public record PagingReport(List<PageResult> results, String outbox) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** OK: all delivered; ERROR: at least one page undelivered. */
    public enum Status { OK, ERROR }

    public PagingReport {
        results = List.copyOf(results);
    }

    public Status status() {
        return undelivered().isEmpty() ? Status.OK : Status.ERROR;
    }

    public List<PageResult> undelivered() {
        return results.stream().filter(result -> !result.delivered()).toList();
    }

    public String reason() {
        List<PageResult> undelivered = undelivered();
        if (undelivered.isEmpty()) {
            return results.size() + " page(s) delivered: " + results.stream()
                    .map(result -> result.page().action().wire() + " " + result.page().dedupKey() + " to "
                            + result.deliveredTo())
                    .collect(Collectors.joining(", "));
        }
        return undelivered.size() + " of " + results.size() + " page(s) undelivered"
                + (outbox == null ? " (no outbox configured)" : ", kept in the outbox " + outbox
                        + " for `release-gate page --flush " + outbox + "`")
                + ": " + undelivered.stream()
                        .map(result -> result.page().action().wire() + " " + result.page().dedupKey() + " ("
                                + result.reason() + ")")
                        .collect(Collectors.joining("; "));
    }
}
