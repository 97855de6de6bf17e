package io.releasegate.watch;

import java.util.List;
import java.util.Objects;

/**
 * A page the watch decided to send: a trigger (first, or again because it became worse), the escalation of an
 * owner's page to the chain, or a resolve.
 *
 * @param kind    what it is
 * @param key     the incident ({@code pool/cause})
 * @param finding what fails (for a resolve: the last finding before it cleared)
 * @param route   the contacts to try, in order: {@link #CHAIN} for the escalation chain, or named contacts
 *                first; for a resolve, the contacts that accepted a trigger
 */
public record PageOrder(Kind kind, String key, Finding finding, List<String> route) {
    /** The route entry that stands for the policy's whole escalation chain. */
    public static final String CHAIN = "*chain*";

    public PageOrder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(finding, "finding");
        route = List.copyOf(route);
    }

    /** What a page does. */
    public enum Kind { TRIGGER, ESCALATE, RESOLVE }
}
