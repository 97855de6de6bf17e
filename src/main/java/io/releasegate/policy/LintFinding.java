package io.releasegate.policy;

import java.io.Serializable;

/**
 * One static safety problem of a pool at one revision.
 *
 * @param kind    what is wrong
 * @param risk    how bad it is
 * @param file    the file of the pool
 * @param line    the line of the pool or server
 * @param pool    the pool
 * @param server  the server, or empty
 * @param message one sentence in words
 */
public record LintFinding(Kind kind, Risk risk, String file, int line, String pool, String server, String message)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The lint checks. */
    public enum Kind {
        /** Fewer than 2 servers can take traffic. */
        SINGLE_POINT_OF_FAILURE,
        /** Every enabled server is a backup: no server takes normal traffic. */
        ALL_SERVERS_BACKUP,
        /** A pool of several servers where none is health checked. */
        NO_HEALTH_CHECKS,
        DUPLICATE_SERVER_NAME,
        DUPLICATE_SERVER_ADDRESS,
        /** Every enabled server has weight 0. */
        ALL_WEIGHTS_ZERO,
        /** A keyword the reference version of the tool does not know: kept as written, not evaluated. */
        UNKNOWN_TO_THIS_VERSION,
        /** Servers or a section that exist only under a condition that cannot be evaluated offline. */
        CONDITIONAL
    }
}
