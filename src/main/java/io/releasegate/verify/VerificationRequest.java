package io.releasegate.verify;

import io.releasegate.log.Redaction;
import io.releasegate.verify.probe.HttpUrl;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one verification of one pool needs. Build with {@link #builder(URI, ExpectedPool)}.
 *
 * @param target       the load balancer's frontend URL
 * @param pool         the expected pool
 * @param identify     where responses name their backend
 * @param requests     sample size: answers from declared servers a PASS needs, or 0 for the default of the
 *                     {@link io.releasegate.verify.stats.SamplePlan}
 * @param concurrency  requests in flight at once
 * @param rate         hard cap in requests per second; 0 lifts the cap (benchmarks only); the budget of a run of
 *                     its own (several pools share one {@link io.releasegate.verify.probe.RateBudget} instead)
 * @param timeout      per request (connect and response)
 * @param deadline     for the traffic; a run it cuts short before the plan allows a verdict is INCONCLUSIVE
 * @param alpha        family-wise significance level of the run
 * @param poolsInRun   pools checked in the same run: each is tested at {@code alpha / poolsInRun} (Bonferroni)
 * @param maxErrorRate largest tolerated share of errors (connection failures, timeouts, 5xx)
 */
public record VerificationRequest(URI target, ExpectedPool pool, BackendIdentifier identify, int requests,
        int concurrency, double rate, Duration timeout, Duration deadline, double alpha, int poolsInRun,
        double maxErrorRate) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final double DEFAULT_RATE = 50;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    public static final double DEFAULT_ALPHA = 0.001;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;

    public VerificationRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(identify, "identify");
        HttpUrl.check("--lb", target);
        require(requests >= 0, "--requests must be 0 (default) or more, was " + requests);
        require(concurrency >= 1 && concurrency <= 1024, "--concurrency must be between 1 and 1024, was " + concurrency);
        require(rate >= 0, "--rate must be 0 (no cap) or more, was " + rate);
        require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be positive, was " + timeout);
        require(!deadline.isNegative() && !deadline.isZero(), "--deadline must be positive, was " + deadline);
        require(alpha > 0 && alpha < 1, "--alpha must be between 0 and 1, was " + alpha);
        require(poolsInRun >= 1, "pools in run must be at least 1, was " + poolsInRun);
        require(maxErrorRate >= 0 && maxErrorRate < 1, "--max-error-rate must be in [0, 1), was " + maxErrorRate);
    }

    /** The text of a URL without the user information that may carry a password ({@link Redaction#text}). */
    public static String withoutCredentials(String url) {
        return Redaction.text(url);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The target as logs and reports show it: without user information (credentials) and with the query elided.
     */
    public String displayTarget() {
        String port = target.getPort() > 0 ? ":" + target.getPort() : "";
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return target.getScheme() + "://" + target.getHost() + port + path + (target.getRawQuery() == null ? "" : "?...");
    }

    /** Errors a run of {@code plan} tolerates: one more is a certain FAIL ({@code --max-error-rate}). */
    public long toleratedErrors(io.releasegate.verify.stats.SamplePlan plan) {
        return (long) Math.floor(maxErrorRate * plan.maxRequests());
    }

    /** The level this pool is tested at. */
    public double poolAlpha() {
        return alpha / poolsInRun;
    }

    public static Builder builder(URI target, ExpectedPool pool) {
        return new Builder(target, pool);
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private final URI target;
        private final ExpectedPool pool;
        private BackendIdentifier identify = BackendIdentifier.DEFAULT;
        private int requests;
        private int concurrency = DEFAULT_CONCURRENCY;
        private double rate = DEFAULT_RATE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration deadline = DEFAULT_DEADLINE;
        private double alpha = DEFAULT_ALPHA;
        private int poolsInRun = 1;
        private double maxErrorRate = DEFAULT_MAX_ERROR_RATE;

        private Builder(URI target, ExpectedPool pool) {
            this.target = target;
            this.pool = pool;
        }

        public Builder identify(BackendIdentifier value) {
            this.identify = value;
            return this;
        }

        public Builder requests(int value) {
            this.requests = value;
            return this;
        }

        public Builder concurrency(int value) {
            this.concurrency = value;
            return this;
        }

        public Builder rate(double value) {
            this.rate = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = value;
            return this;
        }

        public Builder alpha(double value) {
            this.alpha = value;
            return this;
        }

        public Builder poolsInRun(int value) {
            this.poolsInRun = value;
            return this;
        }

        public Builder maxErrorRate(double value) {
            this.maxErrorRate = value;
            return this;
        }

        public VerificationRequest build() {
            return new VerificationRequest(target, pool, identify, requests, concurrency, rate, timeout, deadline,
                    alpha, poolsInRun, maxErrorRate);
        }
    }
}
