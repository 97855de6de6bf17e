package io.releasegate.verify.probe;

/** Permission to send one request each, taken from a run's {@link RateBudget} up to a deadline. */
@FunctionalInterface
public interface Permits {
    /** No cap (unit tests, and callers outside a run). */
    Permits UNLIMITED = () -> true;

    /** Waits for one permit; false when none comes before the deadline or the wait was interrupted. */
    boolean take();
}
