package io.releasegate.paging;

import java.util.List;

/**
 * What {@code page --flush} did: the result of each resent page, the outbox lines that could not be read (kept in
 * the outbox, never dropped) and how many pages are still undelivered.
 */
public record FlushResult(List<PageResult> results, List<String> unreadableLines, int stillUndelivered) {
    public FlushResult {
        results = List.copyOf(results);
        unreadableLines = List.copyOf(unreadableLines);
    }

    /** True when nothing is left in the outbox. */
    public boolean allDelivered() {
        return stillUndelivered == 0 && unreadableLines.isEmpty();
    }
}
