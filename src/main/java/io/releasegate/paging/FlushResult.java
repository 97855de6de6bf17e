package io.releasegate.paging;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code page --flush} did: the result of each resent page, the outbox lines it could not read and moved to the
 * quarantine file (never dropped), and how many pages are still undelivered.
 *
 * @param results          one per page resent, in outbox order
 * @param quarantined      each line moved aside, as {@code line N: problem} (its content is in the quarantine file)
 * @param quarantineFile   where those lines went, or null when none was quarantined
 * @param stillUndelivered pages left in the outbox
 */
public record FlushResult(List<PageResult> results, List<String> quarantined, Path quarantineFile,
        int stillUndelivered) {
    public FlushResult {
        results = List.copyOf(results);
        quarantined = List.copyOf(quarantined);
    }

    /** True when no page is left in the outbox (quarantined lines are reported separately). */
    public boolean allDelivered() {
        return stillUndelivered == 0;
    }
}
