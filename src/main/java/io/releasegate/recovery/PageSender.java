package io.releasegate.recovery;

import io.releasegate.paging.Page;
import io.releasegate.paging.PageResult;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: sends one page along the escalation chain and says how it went (the CLI's {@code Paging} with the policy's
 * contacts, the plugin's with Jenkins credentials). Never throws for a contact that cannot be reached.
 */
@FunctionalInterface
public interface PageSender {
    PageResult send(Page page);

    /** Why nothing is paged (no contact configured, paging turned off), or empty when this sender pages. */
    default Optional<String> disabledBecause() {
        return Optional.empty();
    }

    /** A sender that pages nobody, for the reason given (shown in the timeline and the outcome). */
    static PageSender disabled(String why) {
        Objects.requireNonNull(why, "why");
        return new PageSender() {
            @Override
            public PageResult send(Page page) {
                throw new IllegalStateException("paging is disabled: " + why);
            }

            @Override
            public Optional<String> disabledBecause() {
                return Optional.of(why);
            }
        };
    }
}
