package io.releasegate.verify.probe;

import java.util.function.BooleanSupplier;

/**
 * The one rate cap of a run ({@code --rate}), shared by everything the run sends: the requests through the load
 * balancer of every pool, the health probes, and the stats-page and runtime-socket reads. Create one per run with
 * {@link #perSecond} and pass it to every step. A hard cap without burst: permits are at least {@code 1/rate} apart,
 * so at most {@code rate} requests start in any one-second window. Permits are reserved under a lock and waited for
 * outside it, so waiting threads do not block each other. Thread-safe.
 */
public final class RateBudget {
    private final double rate;
    private final double ratePerNano;
    private double tokens = 1;
    private long lastNanos = System.nanoTime();

    private RateBudget(double rate) {
        this.rate = rate > 0 ? rate : 0;
        this.ratePerNano = this.rate / 1e9;
    }

    /** A budget of {@code rate} requests per second; 0 or less lifts the cap (benchmarks only). */
    public static RateBudget perSecond(double rate) {
        return new RateBudget(rate);
    }

    /** Requests per second, or 0 when uncapped. */
    public double rate() {
        return rate;
    }

    /**
     * Takes one permit, waiting for it when needed.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which no permit is wanted
     * @param stop          checked while waiting; when it returns true the wait ends
     * @return true with a permit; false when the permit would come after the deadline or the wait was stopped (then
     *         nothing was taken)
     */
    public boolean acquire(long deadlineNanos, BooleanSupplier stop) {
        if (ratePerNano == 0) {
            return System.nanoTime() < deadlineNanos && !stop.getAsBoolean();
        }
        long readyAt;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(1, tokens + (now - lastNanos) * ratePerNano);
            lastNanos = now;
            readyAt = tokens >= 1 ? now : now + (long) Math.ceil((1 - tokens) / ratePerNano);
            if (readyAt >= deadlineNanos) {
                return false;
            }
            tokens -= 1;
        }
        while (true) {
            long wait = readyAt - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            if (stop.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, wait / 1_000_000), (int) Math.min(999_999, wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Permits of this budget for one step of a run (the live checks of a pool): each waits at most until
     * {@code deadlineNanos} and ends when the waiting thread is interrupted.
     */
    public Permits until(long deadlineNanos) {
        return () -> acquire(deadlineNanos, () -> Thread.currentThread().isInterrupted());
    }

    @Override
    public String toString() {
        return rate == 0 ? "uncapped" : rate + "/s";
    }
}
