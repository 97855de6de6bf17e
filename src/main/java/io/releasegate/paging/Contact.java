package io.releasegate.paging;

import java.util.Objects;

/** A named contact of the escalation chain and the pager that reaches it. */
public record Contact(String name, Pager pager) {
    public Contact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pager, "pager");
    }

    @Override
    public String toString() {
        return "Contact[" + name + "]";
    }
}
