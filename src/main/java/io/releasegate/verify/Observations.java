package io.releasegate.verify;

import io.releasegate.verify.stats.SequentialTest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tally of one run, fed by the request workers: counts per declared server, responses from elsewhere, errors.
 * After each outcome it asks the deterministic rules and the {@link SequentialTest} whether the FAIL is certain
 * ({@link #decided()}), and whether the plan is complete: as many responses from declared servers as the plan's
 * maximum, the sample a PASS needs ({@link #complete()}). From either on it is frozen. Thread-safe.
 */
public final class Observations {
    private final ExpectedPool pool;
    private final List<String> names;
    private final SequentialTest sequential;
    private final long maxErrors;
    private final Map<String, Integer> index = new java.util.HashMap<>();
    private final long[] counts;
    private final long[] serverErrors;
    private final Map<String, Long> unexpected = new LinkedHashMap<>();
    private final Map<Outcome.Kind, Long> failures = new EnumMap<>(Outcome.Kind.class);
    private long unidentified;
    private long http5xx;
    private long requests;
    private long identified;
    private String firstFailure = "";
    private String stopReason = "";

    /**
     * @param maxErrors errors above this number fail the run whatever comes next
     */
    public Observations(ExpectedPool pool, SequentialTest sequential, long maxErrors) {
        this.pool = pool;
        this.names = pool.names();
        this.sequential = sequential;
        this.maxErrors = maxErrors;
        this.counts = new long[names.size()];
        for (int i = 0; i < pool.servers().size(); i++) {
            ExpectedServer server = pool.servers().get(i);
            index.putIfAbsent(server.name(), i);
            if (!server.address().isEmpty()) {
                index.putIfAbsent(server.address(), i);
            }
        }
        this.serverErrors = new long[names.size()];
    }

    /**
     * Records one outcome unless the run is already decided or complete (an answer that arrives after that is not
     * counted: the plan's last look saw exactly its sample).
     *
     * @return true when the run is decided (FAIL certain) or complete, and no more requests are needed
     */
    public synchronized boolean record(Outcome outcome) {
        if (finished()) {
            return true;
        }
        requests++;
        int server = -1;
        if (outcome.reported() != null) {
            server = serverIndex(outcome.reported());
            if (server >= 0) {
                counts[server]++;
                identified++;
            } else {
                unexpected.merge(ExpectedPool.lastOfList(outcome.reported()), 1L, Long::sum);
            }
        }
        if (outcome.isError()) {
            countError(outcome, server);
        } else if (outcome.reported() == null) {
            unidentified++;
        }
        decide(server);
        return finished();
    }

    private int serverIndex(String reported) {
        Integer direct = index.get(reported);
        if (direct != null) {
            return direct;
        }
        Optional<String> name = pool.resolve(reported);
        return name.map(names::indexOf).orElse(-1);
    }

    private void countError(Outcome outcome, int server) {
        if (outcome.kind() == Outcome.Kind.RESPONSE) {
            http5xx++;
            if (server >= 0) {
                serverErrors[server]++;
            }
        } else {
            failures.merge(outcome.kind(), 1L, Long::sum);
            if (firstFailure.isEmpty()) {
                firstFailure = outcome.detail();
            }
        }
    }

    private void decide(int server) {
        if (!unexpected.isEmpty()) {
            stopReason = "a response came from a backend outside the declared pool";
        } else if (unidentified > 0) {
            stopReason = "a response did not name its backend";
        } else if (errors() > maxErrors) {
            stopReason = "more errors than --max-error-rate allows in this run";
        } else if (server >= 0 && sequential.observe(counts)) {
            stopReason = sequential.missingServer() >= 0 ? "a declared server is still without traffic"
                    : "the shares differ from the declared weights";
        }
    }

    public synchronized boolean decided() {
        return !stopReason.isEmpty();
    }

    /** As many responses from declared servers as the plan's maximum: the sample a PASS needs. */
    public synchronized boolean complete() {
        return identified >= sequential.plan().maxRequests();
    }

    /** Decided or complete: no more requests are needed. */
    public synchronized boolean finished() {
        return decided() || complete();
    }

    public synchronized long errors() {
        return http5xx + failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A copy of everything counted so far. */
    public synchronized Tally tally() {
        Map<String, Long> observed = new LinkedHashMap<>();
        Map<String, Long> errorsByServer = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            observed.put(names.get(i), counts[i]);
            errorsByServer.put(names.get(i), serverErrors[i]);
        }
        Map<String, Long> failuresByKind = new LinkedHashMap<>();
        failures.forEach((kind, count) -> failuresByKind.put(kind.name(), count));
        return new Tally(requests, errors(), observed, errorsByServer, unexpected, unidentified, http5xx,
                failuresByKind, firstFailure, stopReason);
    }

}
