package io.releasegate.verify.health;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What the probes of one server saw.
 *
 * @param server       the server's name
 * @param url          the URL probed
 * @param probes       how many probes were sent
 * @param statusCodes  the HTTP status of each probe that got a response, in order (empty when none answered)
 * @param latencyP50Ms median latency of the probes that got a response, or -1 when none answered; when more than
 *                     one answered, the first is left out (it pays the connection set-up and, in a fresh JVM, the
 *                     HTTP client's start-up)
 * @param latencyP95Ms 95th percentile (nearest rank) of the same latencies, or -1 when none answered; with 3
 *                     probes this is the slowest one
 * @param bodyMatched  every response body matched the body regex (true when no regex was given)
 * @param error        the first transport failure in words (e.g. {@code connection refused}), or empty
 */
public record HealthObservation(String server, String url, int probes, List<Integer> statusCodes, long latencyP50Ms,
        long latencyP95Ms, boolean bodyMatched, String error) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HealthObservation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(url, "url");
        statusCodes = List.copyOf(statusCodes);
        error = error == null ? "" : error;
    }

    /** The status of the last probe that got a response, or 0 when none did. */
    public int statusCode() {
        return statusCodes.isEmpty() ? 0 : statusCodes.get(statusCodes.size() - 1);
    }

    /** Every probe got a response with a 2xx or 3xx status (HAProxy's {@code httpchk} rule). */
    public boolean allAnswered() {
        return error.isEmpty() && statusCodes.size() == probes
                && statusCodes.stream().allMatch(code -> code >= 200 && code < 400);
    }
}
