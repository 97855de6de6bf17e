package io.releasegate.paging;

import java.time.Duration;

/**
 * Port: one delivery attempt of a page to one channel (PagerDuty, Slack, Teams, webhook, email). Implementations
 * never throw for delivery problems: they classify them into a {@link Delivery} whose detail holds no secret.
 * Retries and escalation are the {@link Escalation}'s job.
 */
@FunctionalInterface
public interface Pager {
    /** Tries once to deliver {@code page}, giving up after {@code timeout}. */
    Delivery deliver(Page page, Duration timeout);
}
