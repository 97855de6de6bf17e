package io.releasegate.verify.health;

import io.releasegate.log.Redaction;
import io.releasegate.verify.probe.Permits;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sends the probes of one target, one after another, each with a permit of the run's rate budget, and sums them up in
 * a {@link HealthObservation} (whose {@code probes} counts the probes actually sent).
 */
final class TargetProbe {
    private final HealthProbe probe;
    private final HealthOptions options;
    private final Pattern body;
    private final Permits permits;

    TargetProbe(HealthProbe probe, HealthOptions options, Pattern body, Permits permits) {
        this.probe = probe;
        this.options = options;
        this.body = body;
        this.permits = permits;
    }

    HealthObservation observe(HealthTarget target) {
        List<Integer> statuses = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        boolean matched = true;
        String error = "";
        int sent = 0;
        for (int i = 0; i < options.probes(); i++) {
            if (!permits.take()) {
                break; // no room under the rate cap before the deadline: the observation says how many were sent
            }
            sent++;
            try {
                HealthProbe.Response response = probe.get(target.url(), options.timeout());
                statuses.add(response.status());
                latencies.add(response.latencyNanos() / 1_000_000);
                matched &= body == null || body.matcher(response.body()).find();
            } catch (IOException e) {
                error = words(e);
                break; // a refused or hanging server is not probed again: the run stays bounded and quiet
            }
        }
        // the first probe pays the connection set-up and, in a fresh JVM, the HTTP client's class loading (about
        // 300 ms here): with more than one answer it counts for status and body, not for the latency figures
        List<Long> measured = latencies.size() > 1 ? latencies.subList(1, latencies.size()) : latencies;
        return new HealthObservation(target.server(), Redaction.text(target.url().toString()), sent, statuses,
                percentile(measured, 50), percentile(measured, 95), matched, error);
    }

    /** Nearest-rank percentile in milliseconds, -1 when nothing answered. */
    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private String words(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + options.timeout().toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + options.timeout().toMillis() + " ms";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ClosedChannelException || e.getMessage() == null) {
            return "connection closed without an answer";
        }
        return e.getMessage();
    }
}
