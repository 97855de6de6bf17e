package io.releasegate.paging;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** An undelivered page in the outbox: its id, when it was queued, the contacts it was meant for, and the page. */
public record OutboxEntry(String id, Instant queuedAt, List<String> chain, Page page) implements Serializable {
    private static final long serialVersionUID = 1L;

    public OutboxEntry {
        chain = List.copyOf(chain);
    }
}
