package io.releasegate.live;

/**
 * The operational state of a live server, as its health checks leave it ({@code srv_op_state} of
 * {@code show servers state}: 0 stopped, 1 starting, 2 running, 3 stopping).
 */
public enum OperationalState {
    /** Stopped: failing health checks, or in maintenance. */
    DOWN,
    /** Coming up (slow start): takes a growing share of traffic. */
    STARTING,
    /** Running (also a server without checks). */
    UP,
    /** Going down softly (NOLB, soft-stop): takes no new traffic. */
    STOPPING
}
