package io.releasegate.paging;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How one page went through the chain: delivered or not, to which contact, every attempt, and the reason in words.
 * {@code deliveredTo} is null when undelivered.
 */
public record PageResult(Page page, boolean delivered, String deliveredTo, List<Attempt> attempts, String reason)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public PageResult {
        Objects.requireNonNull(page, "page");
        attempts = List.copyOf(attempts);
        reason = reason == null ? "" : reason;
    }
}
