package io.releasegate.hold;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One server of a pool that is out on purpose until a time: "web/web-02 out until 2026-12-03T18:00Z, alice, load
 * test". A hold in the file may name several servers; the model keeps one {@code Hold} per server, so that each has
 * its own expiry, page and metric.
 *
 * @param pool    the pool (HAProxy backend, nginx upstream, pool file entry)
 * @param server  the server that may be out
 * @param since   when the hold (or its latest extension) was written; {@code until - since} is capped by the policy
 * @param until   when the server is due back (UTC)
 * @param reason  why, in words
 * @param owner   who answers for it
 * @param contact the escalation contact that reaches the owner, or empty (the chain is paged)
 * @param file    the file it was read from
 * @param line    its line in {@code file}, or 0
 */
public record Hold(String pool, String server, Instant since, Instant until, String reason, String owner,
        String contact, String file, int line) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Hold {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        contact = contact == null ? "" : contact;
        file = file == null ? "" : file;
    }

    /** {@code web/web-02}. */
    public String target() {
        return pool + "/" + server;
    }

    /**
     * Whether the hold covers {@code at}: started (give or take {@link HoldsFile#CLOCK_SKEW}) and not yet ended. A
     * hold whose {@code since} lies ahead covers nothing yet, so that {@code holds.maxDuration} caps how long a
     * server may be out from now, whatever {@code since} a holds file claims.
     */
    public boolean activeAt(Instant at) {
        return !at.isBefore(since.minus(HoldsFile.CLOCK_SKEW)) && at.isBefore(until);
    }

    /** Whether the hold had started and ended by {@code at}. */
    public boolean expiredAt(Instant at) {
        return !at.isBefore(until);
    }

    /** Whether the hold has yet to start at {@code at}: its server is expected in its pool until then. */
    public boolean pendingAt(Instant at) {
        return at.isBefore(since.minus(HoldsFile.CLOCK_SKEW));
    }

    /** How long it lasts from {@code since} to {@code until}. */
    public Duration length() {
        return Duration.between(since, until);
    }

    /** Time left at {@code at}; zero or negative once it ended. */
    public Duration remaining(Instant at) {
        return Duration.between(at, until);
    }

    /** {@code hold by alice: load test}. */
    public String byWhom() {
        return "hold by " + owner + ": " + reason;
    }

    /** {@code file:line}, or the file alone. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }
}
