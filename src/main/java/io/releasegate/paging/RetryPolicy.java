package io.releasegate.paging;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How hard one contact is tried before the chain moves on: at most {@code maxAttempts} attempts, each bounded by
 * {@code attemptTimeout}, all within {@code deadline} from the first attempt. Between attempts the wait is
 * exponential backoff with full jitter (uniform in {@code [0, min(maxBackoff, initialBackoff * 2^(n-1))]}), or the
 * server's {@code Retry-After} capped at {@code maxRetryAfter}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration attemptTimeout,
        Duration deadline, Duration maxRetryAfter) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 5 attempts, 250 ms initial backoff up to 5 s, 10 s per attempt, 60 s per contact, Retry-After up to 30 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, got " + maxAttempts);
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(attemptTimeout, "attemptTimeout");
        positive(deadline, "deadline");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative");
        }
    }

    /** The wait before attempt {@code failedAttempt + 1}. */
    public Duration backoff(int failedAttempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter
                    : retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        }
        long ceiling = initialBackoff.toMillis();
        for (int i = 1; i < failedAttempt && ceiling < maxBackoff.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toMillis());
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
