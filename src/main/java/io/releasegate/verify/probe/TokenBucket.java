package io.releasegate.verify.probe;

/**
 * A hard cap on the request rate: at most {@code burst + rate * t} permits in any interval of t seconds. Permits are
 * reserved under a lock and waited for outside it, so waiting threads do not block each other.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /**
     * @param ratePerSecond permits per second, or 0 or less for no cap
     * @param burst         permits available at once (at least 1)
     */
    public TokenBucket(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond > 0 ? ratePerSecond / 1e9 : 0;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastNanos = System.nanoTime();
    }

    /** The burst used by default: a tenth of a second's worth of requests, at least 1. */
    public static int defaultBurst(double ratePerSecond) {
        return ratePerSecond <= 0 ? 1 : Math.max(1, (int) Math.floor(ratePerSecond / 10));
    }

    /**
     * Takes one permit, waiting for it when needed.
     *
     * @param deadlineNanos {@link System#nanoTime()} after which no permit is wanted
     * @param stop          checked while waiting; when it returns true the wait ends
     * @return true with a permit, false when the permit would come after the deadline or the wait was stopped
     */
    public boolean acquire(long deadlineNanos, java.util.function.BooleanSupplier stop) {
        if (ratePerNano == 0) {
            return System.nanoTime() < deadlineNanos && !stop.getAsBoolean();
        }
        long readyAt;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - lastNanos) * ratePerNano);
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
}
