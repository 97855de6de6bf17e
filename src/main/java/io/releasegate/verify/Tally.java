package io.releasegate.verify;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run counted.
 *
 * @param requests       requests that ended (with a response or a failure)
 * @param errors         connection failures, timeouts, other I/O errors and 5xx responses
 * @param observed       responses per declared server, in declared order (5xx included: the LB routed them)
 * @param serverErrors   5xx responses per declared server
 * @param unexpected     responses per backend outside the declared pool, by the value it reported
 * @param unidentified   non-error responses that did not name a backend
 * @param http5xx        5xx responses
 * @param failures       failed requests by kind ({@code CONNECT_FAILED}, {@code TIMEOUT}, {@code IO_ERROR})
 * @param firstFailure   the first failure in words, or empty
 * @param stopReason     why the run stopped early, or empty when it ran its course
 */
public record Tally(long requests, long errors, Map<String, Long> observed, Map<String, Long> serverErrors,
        Map<String, Long> unexpected, long unidentified, long http5xx, Map<String, Long> failures,
        String firstFailure, String stopReason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Tally {
        observed = frozen(observed);
        serverErrors = frozen(serverErrors);
        unexpected = frozen(unexpected);
        failures = frozen(failures);
    }

    static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Responses attributed to declared servers. */
    public long identified() {
        return observed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long failures(String kind) {
        return failures.getOrDefault(kind, 0L);
    }
}
