package io.releasegate.verify.probe;

import java.io.Serializable;
import java.util.function.BooleanSupplier;

/**
 * The one rate cap of a run ({@code --rate}), shared by everything the run sends: the requests through the load
 * balancer of every pool, the health probes, and the stats-page and runtime-socket reads. Create one per run with
 * {@link #perSecond} and pass it to every step. A hard cap without burst: permits are at least {@code 1/rate} apart,
 * so at most {@code rate} requests start in any one-second window. Permits are reserved under a lock and waited for
 * outside it, so waiting threads do not block each other. Thread-safe. A verification in another process (a Jenkins
 * agent) takes its permits from the same budget through a {@link Lease}.
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

    /**
     * Lends this budget to a verification in another process (which cannot share the object): the lease carries the
     * rate and how long from now this budget would make its next permit wait. Call {@link #settle} when that
     * verification has returned.
     */
    public synchronized Lease lend() {
        if (ratePerNano == 0) {
            return new Lease(0, 0);
        }
        long now = System.nanoTime();
        double available = Math.min(1, tokens + (now - lastNanos) * ratePerNano);
        return new Lease(rate, available >= 1 ? 0 : (long) Math.ceil((1 - available) / ratePerNano));
    }

    /**
     * Counts a lease as used up to now: the next permit of this budget comes {@code 1/rate} after now, so it keeps its
     * distance from the last permit the borrower may have taken just before it returned.
     */
    public synchronized void settle() {
        lastNanos = System.nanoTime();
        tokens = Math.min(tokens, 0);
    }

    /**
     * A budget lent to another process: its rate and the wait before its first permit, measured where it was lent.
     * Only time spans cross the process boundary, never clock readings: the borrower opens the lease after it was
     * lent, so its first permit can only come later than the lender's would have.
     *
     * @param rate      requests per second, 0 when uncapped
     * @param waitNanos how long the lender's next permit was away when it lent the budget
     */
    public record Lease(double rate, long waitNanos) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The borrower's budget: the same rate, its first permit no sooner than {@code waitNanos} from now. */
        public RateBudget open() {
            RateBudget budget = new RateBudget(rate);
            budget.tokens = 1 - waitNanos * budget.ratePerNano;
            return budget;
        }
    }

    @Override
    public String toString() {
        return rate == 0 ? "uncapped" : rate + "/s";
    }
}
