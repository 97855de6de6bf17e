package io.releasegate.verify.health;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How servers are probed and what counts as healthy.
 *
 * @param timeout      per probe: connect plus complete response (default 2 s)
 * @param latencyP95Ms the 95th percentile (nearest rank) of the probes' latencies must not exceed this; 0 disables
 *                     the check (default 1000 ms); see {@link HealthObservation#latencyP95Ms()} for which probes count
 * @param bodyRegex    when not empty, every response body must contain a match ({@link java.util.regex.Matcher#find})
 * @param probes       probes per target, sequential, 1 to {@value #MAX_PROBES} (default 3)
 */
public record HealthOptions(Duration timeout, long latencyP95Ms, String bodyRegex, int probes)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Upper bound of {@link #probes}: the checker must never load the servers it checks. */
    public static final int MAX_PROBES = 20;

    /** 2 s timeout, p95 at most 1000 ms, no body match, 3 probes. */
    public static final HealthOptions DEFAULTS = new HealthOptions(Duration.ofSeconds(2), 1000, "", 3);

    public HealthOptions {
        Objects.requireNonNull(timeout, "timeout");
        bodyRegex = bodyRegex == null ? "" : bodyRegex;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health timeout must be positive, got " + timeout);
        }
        if (latencyP95Ms < 0) {
            throw new IllegalArgumentException("health latency threshold must be 0 (off) or positive, got "
                    + latencyP95Ms);
        }
        if (probes < 1 || probes > MAX_PROBES) {
            throw new IllegalArgumentException("health probes must be between 1 and " + MAX_PROBES + ", got "
                    + probes);
        }
        if (!bodyRegex.isEmpty()) {
            try {
                Pattern.compile(bodyRegex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("health body regex '" + bodyRegex + "' is invalid: "
                        + e.getDescription(), e);
            }
        }
    }

    public HealthOptions withTimeout(Duration value) {
        return new HealthOptions(value, latencyP95Ms, bodyRegex, probes);
    }

    public HealthOptions withLatencyP95Ms(long value) {
        return new HealthOptions(timeout, value, bodyRegex, probes);
    }

    public HealthOptions withBodyRegex(String value) {
        return new HealthOptions(timeout, latencyP95Ms, value, probes);
    }

    public HealthOptions withProbes(int value) {
        return new HealthOptions(timeout, latencyP95Ms, bodyRegex, value);
    }
}
