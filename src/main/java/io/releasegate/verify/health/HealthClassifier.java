package io.releasegate.verify.health;

import io.releasegate.verify.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns one {@link HealthObservation} into a {@link CheckResult} with the reason in words. */
final class HealthClassifier {
    private HealthClassifier() {
    }

    static CheckResult classify(HealthObservation o, HealthOptions options) {
        List<String> problems = new ArrayList<>();
        if (!o.error().isEmpty()) {
            problems.add(o.error() + " at " + o.url());
        }
        List<Integer> bad = o.statusCodes().stream().filter(code -> code < 200 || code >= 400).toList();
        if (!bad.isEmpty()) {
            String codes = bad.stream().distinct().map(String::valueOf).collect(Collectors.joining("/"));
            problems.add(codes + " from " + o.url()
                    + (bad.size() < o.statusCodes().size() ? " (" + bad.size() + " of " + o.statusCodes().size()
                            + " probes)" : ""));
        }
        if (!o.bodyMatched()) {
            problems.add("body of " + o.url() + " does not match /" + options.bodyRegex() + "/");
        }
        if (options.latencyP95Ms() > 0 && o.latencyP95Ms() > options.latencyP95Ms()) {
            problems.add("p95 latency " + o.latencyP95Ms() + " ms above " + options.latencyP95Ms() + " ms at "
                    + o.url());
        }
        if (problems.isEmpty() && o.probes() < options.probes()) {
            return CheckResult.inconclusive(HealthReport.CHECK, o.server(), o.server() + ": " + o.probes() + " of "
                    + options.probes() + " probes of " + o.url() + " sent before the deadline (the --rate budget had "
                    + "no room for the rest): not decided");
        }
        if (problems.isEmpty()) {
            return CheckResult.pass(HealthReport.CHECK, o.server(), o.server() + ": " + o.statusCode() + " from "
                    + o.url() + " (" + o.probes() + " probes), p95 latency " + o.latencyP95Ms() + " ms");
        }
        return CheckResult.fail(HealthReport.CHECK, o.server(), o.server() + ": " + String.join("; ", problems));
    }
}
