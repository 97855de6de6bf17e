package io.releasegate.verify;

import io.releasegate.verify.check.CheckResult;
import io.releasegate.verify.check.CheckStatus;
import io.releasegate.verify.stats.GofResult;
import io.releasegate.verify.stats.SamplePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies the traffic observations into checks: {@code errors}, {@code unexpected}, {@code missing} (one per
 * declared server) and {@code distribution}. A declared server without traffic is always FAIL, never NO_DATA,
 * except where the algorithm makes one client's traffic say nothing about it (client-bound hashing).
 * A run cut short before its plan allowed a verdict is then judged by {@link CutShort}.
 */
final class TrafficChecks {
    static final String ERRORS = "errors";
    static final String UNEXPECTED = "unexpected";
    static final String MISSING = "missing";
    static final String DISTRIBUTION = "distribution";

    private final VerificationRequest request;
    private final Tally tally;
    private final GofResult test;
    private final SamplePlan plan;
    private final List<CheckResult> live;
    private final String zeroRuleServer;
    private final Ending ending;
    private final double rate;

    /**
     * @param zeroRuleServer the server the zero rule of the sequential test caught, or empty
     * @param ending         why the traffic ended
     * @param rate           the run's rate cap in requests per second, 0 when uncapped (for the advice)
     */
    TrafficChecks(VerificationRequest request, Tally tally, GofResult test, SamplePlan plan, List<CheckResult> live,
            String zeroRuleServer, Ending ending, double rate) {
        this.zeroRuleServer = zeroRuleServer;
        this.ending = ending;
        this.rate = rate;
        this.request = request;
        this.tally = tally;
        this.test = test;
        this.plan = plan;
        this.live = live;
    }

    List<CheckResult> classify() {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(errors());
        checks.addAll(unexpected());
        checks.addAll(missing());
        checks.add(distribution());
        CutShort cutShort = new CutShort(request, tally, plan, ending, rate);
        return cutShort.applies() ? cutShort.undecided(checks) : checks;
    }

    private CheckResult errors() {
        String target = request.displayTarget();
        long n = tally.requests();
        if (n == 0) {
            return CheckResult.inconclusive(ERRORS, target, "no request completed: nothing was measured");
        }
        long refused = tally.failures(Outcome.Kind.CONNECT_FAILED.name());
        long timeouts = tally.failures(Outcome.Kind.TIMEOUT.name());
        if (refused == n) {
            return CheckResult.fail(ERRORS, target, "the service is down: the load balancer at " + target
                    + " refused all " + n + " connection attempts (" + tally.firstFailure() + ")");
        }
        if (tally.identified() == 0 && tally.errors() == n) {
            return CheckResult.fail(ERRORS, target, "the service is down: none of " + n + " requests to " + target
                    + " got an answer from a backend (" + breakdown() + ")");
        }
        double share = tally.errors() / (double) n;
        String counted = tally.errors() + " of " + n + " requests failed (" + Words.percent(share) + ")";
        if (share > request.maxErrorRate()) {
            String hint = timeouts > 0 ? "; " + timeouts + " took longer than --timeout "
                    + Words.duration(request.timeout()) : "";
            return CheckResult.fail(ERRORS, target, counted + ", above --max-error-rate "
                    + Words.percent(request.maxErrorRate()) + ": " + breakdown() + hint);
        }
        return CheckResult.pass(ERRORS, target, counted + ", within --max-error-rate "
                + Words.percent(request.maxErrorRate()));
    }

    private String breakdown() {
        List<String> parts = new ArrayList<>();
        tally.failures().forEach((kind, count) -> parts.add(count + " " + kind.toLowerCase(Locale.ROOT)
                .replace("connect_failed", "connection failures").replace("timeout", "timeouts")
                .replace("io_error", "other I/O errors")));
        if (tally.http5xx() > 0) {
            List<String> byServer = new ArrayList<>();
            tally.serverErrors().forEach((server, count) -> {
                if (count > 0) {
                    byServer.add(server + " " + count);
                }
            });
            parts.add(tally.http5xx() + " HTTP 5xx" + (byServer.isEmpty() ? "" : " (" + String.join(", ", byServer)
                    + ")"));
        }
        if (!tally.firstFailure().isEmpty()) {
            parts.add("first failure: " + tally.firstFailure());
        }
        return String.join(", ", parts);
    }

    private List<CheckResult> unexpected() {
        List<CheckResult> checks = new ArrayList<>();
        String declared = String.join(", ", request.pool().names());
        tally.unexpected().forEach((backend, count) -> checks.add(CheckResult.fail(UNEXPECTED, backend,
                count + " " + Words.plural(count, "response") + " came from " + backend
                        + ", which is not in the declared pool (" + declared + ")")));
        if (tally.unidentified() > 0) {
            checks.add(CheckResult.fail(UNEXPECTED, "(unidentified)", tally.unidentified() + " "
                    + Words.plural(tally.unidentified(), "response") + " did not name their backend in "
                    + request.identify() + ": expose it on the load balancer (see docs/verify.md) or change --identify"));
        }
        if (checks.isEmpty()) {
            checks.add(CheckResult.pass(UNEXPECTED, request.pool().name(), "every response came from a declared "
                    + "server (" + declared + ")"));
        }
        return checks;
    }

    private List<CheckResult> missing() {
        List<CheckResult> checks = new ArrayList<>();
        BalanceMode mode = request.pool().mode();
        Map<String, Double> shares = request.pool().shares();
        long identified = tally.identified();
        for (String server : request.pool().names()) {
            long count = tally.observed().get(server);
            double share = shares.get(server);
            if (mode == BalanceMode.CLIENT_BOUND) {
                checks.add(new CheckResult(MISSING, server, count > 0 ? CheckStatus.PASS : CheckStatus.NO_DATA,
                        count > 0 ? served(server, count, share) : "not tested: balance " + request.pool().algorithm()
                                + " sends one client to one server, so no traffic from this client says nothing about "
                                + server + " (see its health and drift checks)"));
            } else if (share == 0) {
                checks.add(new CheckResult(MISSING, server, count > 0 ? CheckStatus.PASS : CheckStatus.NO_DATA,
                        count > 0 ? served(server, count, share) : server + " takes traffic only when the servers "
                                + "before it are full (balance first)"));
            } else if (count > 0) {
                checks.add(CheckResult.pass(MISSING, server, served(server, count, share)));
            } else {
                checks.add(CheckResult.fail(MISSING, server, noTraffic(server, share, identified)));
            }
        }
        return checks;
    }

    private String served(String server, long count, double share) {
        long n = tally.identified();
        return server + " answered " + count + " of " + n + " (" + Words.percent(count / (double) n)
                + ", declared " + Words.percent(share) + ")";
    }

    private String noTraffic(String server, double share, long identified) {
        if (identified == 0) {
            return server + " got no traffic: no request got through the load balancer";
        }
        String odds = " (with its declared share of " + Words.percent(share) + " the chance of that is "
                + Words.number(Math.pow(1 - share, identified)) + ")";
        if (healthy(server)) {
            return server + " is healthy when asked directly but got none of " + identified
                    + " responses through the load balancer" + odds + ": the load balancer is not sending it traffic "
                    + "(removed from the live pool, in maintenance or drained), the pattern of the incident in which "
                    + "the remaining servers take all the load";
        }
        long timeouts = tally.failures(Outcome.Kind.TIMEOUT.name());
        String slow = timeouts > 0 ? "; " + timeouts + " requests timed out, so it may be too slow to answer within "
                + "--timeout " + Words.duration(request.timeout()) : "";
        return server + " got none of " + identified + " responses through the load balancer" + odds + slow;
    }

    private boolean healthy(String server) {
        return live.stream().anyMatch(c -> c.check().equals("health") && c.subject().equals(server)
                && c.status() == CheckStatus.PASS);
    }

    private CheckResult distribution() {
        String pool = request.pool().name();
        String algorithm = request.pool().algorithm();
        switch (request.pool().mode()) {
            case CLIENT_BOUND:
                return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "not tested: balance " + algorithm
                        + " sends each client to one server, so the shares seen from one client say nothing about "
                        + "the pool; tested: errors and that every response came from a declared server; health and "
                        + "drift checks cover the rest");
            case REQUEST_HASH:
                return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "shares not tested: balance "
                        + algorithm + " hashes the request; the probe sent " + RequestVariation.of(request.pool())
                        .describe() + ", which tests that every declared server gets traffic (assuming at least half "
                        + "its declared share), but a hash does not split exactly by weight");
            case LOAD_AWARE:
                return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "shares not tested: balance "
                        + algorithm + " follows the servers' load (or a hash ring), not exactly their weights; tested: "
                        + "every declared server gets traffic (assuming at least half its declared share), no "
                        + "backend outside the pool, errors");
            case FIRST:
                return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "shares not tested: balance first "
                        + "fills the first server up to its maxconn before using the next");
            default:
                break;
        }
        if (request.pool().servers().size() == 1) {
            return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "one declared server: it takes all "
                    + "traffic, nothing to compare");
        }
        if (!zeroRuleServer.isEmpty()) {
            int index = request.pool().names().indexOf(zeroRuleServer);
            double share = request.pool().shares().get(zeroRuleServer);
            int threshold = plan.zeroThreshold(index);
            return CheckResult.fail(DISTRIBUTION, pool, "the observed shares cannot fit the declared weights: "
                    + zeroRuleServer + " got none of " + tally.identified() + " responses, and with a share of "
                    + Words.percent(share) + " none in " + threshold + " has chance " + Words.number(Math.pow(1 - share,
                    threshold)) + " < " + Words.number(plan.alphaZero()) + " (zero rule)");
        }
        if (!test.ran()) {
            return new CheckResult(DISTRIBUTION, pool, CheckStatus.NO_DATA, "not tested: too few responses from "
                    + "declared servers (" + tally.identified() + ") for a chi-square test");
        }
        double smallest = request.pool().shares().values().stream().filter(share -> share > 0)
                .mapToDouble(Double::doubleValue).min().orElse(1);
        int needed = SamplePlan.smallestTestable(smallest);
        if (!test.reject() && plan.maxRequests() < needed && test.n() < needed) {
            // asked for fewer requests than the test needs to hold its level: not rejecting says nothing yet
            return new CheckResult(DISTRIBUTION, pool, CheckStatus.INCONCLUSIVE, "not decided: " + test.n()
                    + " responses from declared servers are too few for a chi-square test of these weights, which"
                    + " needs " + needed + " (an expected count of 5 for the smallest share, " + Words.percent(smallest)
                    + "); ask for at least " + needed + " requests, or 0 to plan them");
        }
        String stats = "chi-square " + Words.number(test.statistic()) + ", p = " + Words.number(test.pValue())
                + (test.reject() ? " < " : " >= ") + "alpha " + Words.number(test.alpha()) + " (look " + test.look()
                + " of " + plan.looks().size() + ", n = " + test.n() + ")";
        if (test.reject()) {
            return CheckResult.fail(DISTRIBUTION, pool, "the observed shares differ from the declared weights: "
                    + shares() + "; " + stats);
        }
        return CheckResult.pass(DISTRIBUTION, pool, "the observed shares fit the declared weights: " + shares()
                + "; " + stats);
    }

    private String shares() {
        List<String> parts = new ArrayList<>();
        long n = tally.identified();
        request.pool().shares().forEach((server, share) -> parts.add(server + " "
                + Words.percent(tally.observed().get(server) / (double) n) + " (declared " + Words.percent(share)
                + ")"));
        return String.join(", ", parts);
    }
}
