package io.releasegate.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The watch's metrics in a Prometheus registry, served by the client library's HTTP server at {@code /metrics}.
 * Each {@link #record(PoolSample)} replaces the pool's series: a server or hold that is gone leaves no stale series.
 * Metric names (docs/watch.md):
 * <ul>
 *   <li>{@code release_gate_backend_share}, {@code release_gate_backend_declared_share}: observed and declared share
 *       (0 to 1) by {@code pool} and {@code server};</li>
 *   <li>{@code release_gate_backend_health} (1 healthy, 0 not), {@code release_gate_backend_latency_p95_seconds};</li>
 *   <li>{@code release_gate_backend_state} (state set: READY, DRAIN, MAINT, DOWN, absent),
 *       {@code release_gate_backend_drift} (1 drifted from its declaration, 0 as declared);</li>
 *   <li>{@code release_gate_hold_seconds_to_expiry} by {@code pool}, {@code server}, {@code owner};</li>
 *   <li>{@code release_gate_pool_verdict} (state set: PASS, FAIL, ERROR, INCONCLUSIVE);</li>
 *   <li>{@code release_gate_watch_condition} by {@code pool} and {@code cause}: 1 while a cause fails;</li>
 *   <li>{@code release_gate_watch_cycles_total}, {@code release_gate_watch_requests_total},
 *       {@code release_gate_watch_cycle_seconds}, {@code release_gate_watch_last_cycle_timestamp_seconds}.</li>
 * </ul>
 */
public final class WatchMetrics implements AutoCloseable {
    static final List<String> VERDICTS = List.of("PASS", "FAIL", "ERROR", "INCONCLUSIVE");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge share = gauge("release_gate_backend_share",
            "Observed share of the responses through the load balancer (0 to 1)", "pool", "server");
    private final Gauge declaredShare = gauge("release_gate_backend_declared_share",
            "Declared share by the weights of the pool (0 to 1); 0 while the server is held", "pool", "server");
    private final Gauge health = gauge("release_gate_backend_health",
            "1 when the backend answered its health check, 0 when it did not", "pool", "server");
    private final Gauge latency = gauge("release_gate_backend_latency_p95_seconds",
            "95th percentile latency of the backend's health probes", "pool", "server");
    private final StateSet state;
    private final Gauge drift = gauge("release_gate_backend_drift",
            "1 when the live backend differs from its declaration, 0 when it is as declared", "pool", "server");
    private final Gauge holdExpiry = gauge("release_gate_hold_seconds_to_expiry",
            "Seconds until the hold ends; negative once it has ended", "pool", "server", "owner");
    private final StateSet verdict;
    private final Gauge condition = gauge("release_gate_watch_condition",
            "1 while a cause fails for a pool (paged after the configured number of cycles), else 0", "pool", "cause");
    private final Counter cycles;
    private final Counter requests;
    private final Gauge cycleSeconds = gauge("release_gate_watch_cycle_seconds", "Wall time of the last cycle");
    private final Gauge lastCycle = gauge("release_gate_watch_last_cycle_timestamp_seconds",
            "When the last cycle ended (Unix time)");
    private HTTPServer server;

    public WatchMetrics() {
        state = StateSet.builder().name("release_gate_backend_state")
                .help("The backend's state on the live load balancer").labelNames("pool", "server")
                .states(states()).register(registry);
        verdict = StateSet.builder().name("release_gate_pool_verdict").help("The pool's verdict of the last cycle")
                .labelNames("pool").states(VERDICTS.toArray(String[]::new)).register(registry);
        cycles = Counter.builder().name("release_gate_watch_cycles_total").help("Watch cycles run")
                .register(registry);
        requests = Counter.builder().name("release_gate_watch_requests_total")
                .help("Requests the watch sent through the load balancers").register(registry);
    }

    private static String[] states() {
        return java.util.Arrays.stream(BackendSample.LiveState.values()).map(BackendSample.LiveState::label)
                .toArray(String[]::new);
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    /**
     * Serves {@code /metrics} on {@code host:port} (port 0 takes a free port).
     *
     * @throws IOException when the address cannot be bound
     */
    public WatchMetrics serve(String host, int port) throws IOException {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        return this;
    }

    /** The port {@code /metrics} is served on, or -1 when not serving. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Replaces the series of {@code sample.pool()} with what the sample says. */
    public synchronized void record(PoolSample sample) {
        String pool = sample.pool();
        Set<List<String>> servers = new HashSet<>();
        Set<List<String>> shares = new HashSet<>();
        Set<List<String>> healths = new HashSet<>();
        Set<List<String>> latencies = new HashSet<>();
        Set<List<String>> states = new HashSet<>();
        Set<List<String>> drifts = new HashSet<>();
        for (BackendSample backend : sample.backends()) {
            List<String> labels = List.of(pool, backend.server());
            String[] values = labels.toArray(String[]::new);
            servers.add(labels);
            declaredShare.labelValues(values).set(backend.declaredShare());
            if (backend.observedShare().isPresent()) {
                share.labelValues(values).set(backend.observedShare().getAsDouble());
                shares.add(labels);
            }
            backend.healthy().ifPresent(healthy -> {
                health.labelValues(values).set(healthy ? 1 : 0);
                healths.add(labels);
            });
            if (backend.latencyP95().isPresent()) {
                latency.labelValues(values).set(backend.latencyP95().getAsDouble());
                latencies.add(labels);
            }
            backend.liveState().ifPresent(live -> {
                io.prometheus.metrics.core.datapoints.StateSetDataPoint point = state.labelValues(values);
                for (BackendSample.LiveState each : BackendSample.LiveState.values()) {
                    if (each == live) {
                        point.setTrue(each.label());
                    } else {
                        point.setFalse(each.label());
                    }
                }
                states.add(labels);
            });
            backend.drifted().ifPresent(drifted -> {
                drift.labelValues(values).set(drifted ? 1 : 0);
                drifts.add(labels);
            });
        }
        keepOnly(declaredShare, pool, servers);
        keepOnly(share, pool, shares);
        keepOnly(health, pool, healths);
        keepOnly(latency, pool, latencies);
        keepOnly(state, pool, states);
        keepOnly(drift, pool, drifts);
        Set<List<String>> holds = new HashSet<>();
        for (PoolSample.HoldSample hold : sample.holds()) {
            List<String> labels = List.of(pool, hold.server(), hold.owner());
            holdExpiry.labelValues(labels.toArray(String[]::new)).set(hold.secondsToExpiry());
            holds.add(labels);
        }
        keepOnly(holdExpiry, pool, holds);
        io.prometheus.metrics.core.datapoints.StateSetDataPoint point = verdict.labelValues(pool);
        for (String each : VERDICTS) {
            if (each.equals(sample.verdict())) {
                point.setTrue(each);
            } else {
                point.setFalse(each);
            }
        }
    }

    /** Sets the causes failing for {@code pool} now to 1 and those that no longer fail to 0. */
    public synchronized void conditions(String pool, Set<String> failing, Set<String> known) {
        for (String cause : known) {
            condition.labelValues(pool, cause).set(failing.contains(cause) ? 1 : 0);
        }
    }

    /** Counts one cycle: its wall time, the requests it sent, and when it ended. */
    public synchronized void cycle(double seconds, long requestsSent, double endedAtEpochSeconds) {
        cycles.inc();
        requests.inc(requestsSent);
        cycleSeconds.set(seconds);
        lastCycle.set(endedAtEpochSeconds);
    }

    /** Removes the series of a pool that is no longer watched. */
    public synchronized void forget(String pool) {
        for (StatefulMetric<?, ?> metric : List.of(share, declaredShare, health, latency, state, drift, holdExpiry,
                verdict, condition)) {
            metric.removeIf(labels -> labels.get(0).equals(pool));
        }
    }

    private static void keepOnly(StatefulMetric<?, ?> metric, String pool, Set<List<String>> current) {
        metric.removeIf(labels -> labels.get(0).equals(pool) && !current.contains(new ArrayList<>(labels)));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
