package io.releasegate.config;

import java.io.Serializable;

/**
 * A statement of a load-balancer file outside the pool model (timeouts, frontends, maxconn, ...), kept so that a
 * change to it is reported as OTHER_CHANGE. The text is canonical: tokens joined by one space, comments dropped.
 *
 * @param scope the enclosing section, e.g. {@code global}, {@code defaults}, {@code backend app},
 *              {@code http > server > location /api}
 * @param text  the canonical statement
 * @param line  1-based line in the file
 */
public record Directive(String scope, String text, int line) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Scope and text: the identity used to compare two revisions, independent of the line. */
    public String key() {
        return scope + " :: " + text;
    }
}
