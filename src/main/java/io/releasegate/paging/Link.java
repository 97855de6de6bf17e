package io.releasegate.paging;

import java.io.Serializable;
import java.util.Objects;

/** A link attached to a page (the report, the build); {@code text} may be empty. */
public record Link(String href, String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Link {
        Objects.requireNonNull(href, "href");
        if (href.isBlank()) {
            throw new IllegalArgumentException("a link needs an href");
        }
        text = text == null ? "" : text;
    }
}
