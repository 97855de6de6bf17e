package io.releasegate.config;

import java.io.Serializable;

/**
 * Something a parser kept but could not judge, said in words so that it is never dropped silently: a keyword the
 * reference version of the tool does not know (NGINX Plus, a newer release, a third-party module, a typo), or a
 * definition that depends on a condition that cannot be evaluated offline.
 *
 * @param kind    what kind of note
 * @param file    the file the statement is in
 * @param line    1-based line of the statement
 * @param pool    the pool it belongs to, or empty
 * @param keyword the keyword or predicate concerned
 * @param message one sentence in words
 */
public record ConfigNote(Kind kind, String file, int line, String pool, String keyword, String message)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kinds of note. */
    public enum Kind {
        /** A keyword, parameter or directive the reference version of the tool does not know: kept as written. */
        UNKNOWN_TO_THIS_VERSION,
        /** Servers (or a whole pool) inside an {@code .if} whose predicate cannot be evaluated offline. */
        CONDITIONAL
    }

    public ConfigNote {
        pool = pool == null ? "" : pool;
        keyword = keyword == null ? "" : keyword;
    }
}
