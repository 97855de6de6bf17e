package io.releasegate.cli;

import io.releasegate.config.Pool;
import io.releasegate.log.LogSink;
import io.releasegate.hold.Holds;
import io.releasegate.log.Redaction;
import io.releasegate.policy.DeclaredHolds;
import io.releasegate.policy.DeclaredPools;
import io.releasegate.policy.HoldPolicy;
import io.releasegate.report.VerificationHtml;
import io.releasegate.report.VerificationJson;
import io.releasegate.report.VerificationJunit;
import io.releasegate.report.VerificationText;
import io.releasegate.verify.Monitor;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.Verifier;
import io.releasegate.verify.probe.HttpUrl;
import io.releasegate.verify.probe.RateBudget;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate verify}: real requests through the load balancer, tested against the declared pool. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sends real requests through the load balancer and tests, with a sound sequential test, that "
                + "every declared backend gets its declared share; checks errors, backend health and live drift.",
            "Exit codes: 0 PASS, 1 FAIL (also when the service is down), ERROR or INCONCLUSIVE (cut short before the "
                + "plan allowed a verdict), 2 bad input."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lb", required = true, paramLabel = "URL",
            description = "The load balancer's frontend URL (repeat together with --pool to check several pools).")
    List<String> lbs = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "SPEC",
            description = "Expected servers: web-01,web-02 or web-01=3,web-02=1 (instead of --repo/--config).")
    String expect;

    @Option(names = "--algorithm", paramLabel = "ALG",
            description = "Balance algorithm for --expect (default roundrobin), e.g. source, uri, first.")
    String algorithm = "";

    @Option(names = "--repo", paramLabel = "DIR", description = "Git repository with the load-balancer configs.")
    Path repo;

    @Option(names = "--rev", paramLabel = "REV", description = "Revision of --repo (default: ${DEFAULT-VALUE}).")
    String rev = "HEAD";

    @Option(names = "--config", paramLabel = "FILE", description = "One load-balancer config file (format detected).")
    Path config;

    @Option(names = "--holds", paramLabel = "FILE",
            description = "Holds file (default with --repo: .releasegate/holds.yml at --rev): a held server is "
                    + "expected out until its hold ends, and FAILs if still out after it. A hold longer than "
                    + "holds.maxDuration (of the policy at --rev with --repo, else 24h) is refused.")
    Path holdsFile;

    @Option(names = "--pool", paramLabel = "NAME",
            description = "Pool (HAProxy backend, nginx upstream) to verify; repeatable, paired with --lb in order.")
    List<String> pools = new ArrayList<>();

    @Option(names = "--identify", paramLabel = "SPEC", defaultValue = "header:X-Served-By",
            description = "Where a response names its backend: header:NAME, body:REGEX (first group) or cookie:NAME "
                    + "(default: ${DEFAULT-VALUE}).")
    String identify;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "0",
            description = "Sample size per pool: answers from declared servers a PASS needs; 0 = from pool size and "
                    + "power (see docs/verify.md).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "50",
            description = "Hard cap in requests per second for the whole run: every pool, health probe and stats or "
                    + "socket read shares it (default ${DEFAULT-VALUE}); 0 lifts it (benchmarks only).")
    double rate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Per request (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "For the traffic of each pool (default ${DEFAULT-VALUE}); a run cut short by it is "
                    + "INCONCLUSIVE.")
    Duration deadline;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001",
            description = "Significance level of the run (default ${DEFAULT-VALUE}), split over pools (Bonferroni).")
    double alpha;

    @Option(names = "--max-error-rate", paramLabel = "SHARE", defaultValue = "0.01",
            description = "Largest tolerated share of connection failures, timeouts and 5xx (default ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--health-path", paramLabel = "PATH",
            description = "Probe each declared server's own address at this path (needs --repo or --config).")
    String healthPath;

    @Option(names = "--health", paramLabel = "NAME=URL", description = "Health URL of one server; repeatable.")
    List<String> health = new ArrayList<>();

    @Option(names = "--latency-p95-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Health: p95 latency limit, 0 = off (default ${DEFAULT-VALUE}).")
    long latencyP95Ms;

    @Option(names = "--health-body", paramLabel = "REGEX", defaultValue = "",
            description = "Health: every response body must match.")
    String healthBody;

    @Option(names = "--haproxy-socket", paramLabel = "PATH",
            description = "HAProxy runtime API socket: compare the live servers with the declared pool (drift).")
    Path haproxySocket;

    @Option(names = "--stats", paramLabel = "URL", description = "HAProxy stats CSV URL: drift from the stats page.")
    String stats;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "1", description = "Runs in the window, at most 10000 (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Between samples (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--failure-limit", paramLabel = "F", defaultValue = "0",
            description = "Samples that may fail before the window fails (default ${DEFAULT-VALUE}).")
    int failureLimit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json on stdout (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML (one test case per check).")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<VerificationResult> results;
        try {
            Monitor.Window window = new Monitor.Window(samples, interval, failureLimit);
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was '" + format + "'");
            }
            VerificationSpec verification = verificationSpec();
            List<Target> targets = targets();
            Holds holds = holds();
            LogSink log = new StderrLog(err, true);
            // every pool's plan first: bad input stops the command before anything is sent
            List<VerificationSpec.Plan> plans = new ArrayList<>();
            for (Target target : targets) {
                plans.add(verification.withLb(target.lb()).plan(target.declared(), holds, Clock.systemUTC(),
                        targets.size()));
            }
            results = new ArrayList<>();
            RateBudget budget = verification.rateBudget();
            for (int i = 0; i < targets.size(); i++) {
                VerificationSpec.Plan plan = plans.get(i);
                Verifier verifier = plan.verifier(new Verifier());
                results.add(window.samples() == 1 ? verifier.verify(plan.request(), plan.liveChecks(), budget, log)
                        : new Monitor(verifier).run(plan.request(), plan.liveChecks(), window, budget, log));
            }
        } catch (IllegalArgumentException e) {
            err.println("release-gate verify: " + Redaction.text(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        try {
            if (junit != null) {
                VerificationJunit.write(results, junit);
            }
            if (html != null) {
                VerificationHtml.write(results, html);
            }
        } catch (IOException e) {
            err.println("release-gate verify: cannot write a report: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (format.equals("json")) {
            out.print(VerificationJson.toJson(results));
        } else {
            results.forEach(r -> out.print(VerificationText.render(r)));
        }
        out.flush();
        return results.stream().allMatch(r -> r.verdict().passed()) ? ExitCodes.OK : ExitCodes.FAIL;
    }

    /** The one verification spec of this command line (the first --lb; each pool gets its own). */
    private VerificationSpec verificationSpec() {
        if (healthPath != null && expect != null) {
            throw new IllegalArgumentException("--health-path needs server addresses from --repo or --config; "
                    + "with --expect give --health NAME=URL");
        }
        VerificationSpec.Builder builder = VerificationSpec.builder(lbs.get(0)).optionPrefix("--").identify(identify)
                .requests(requests).concurrency(concurrency).rate(rate).timeout(timeout).deadline(deadline)
                .alpha(alpha).maxErrorRate(maxErrorRate).latencyP95Ms(latencyP95Ms).healthBody(healthBody)
                .healthPath(healthPath).haproxySocket(haproxySocket == null ? "" : haproxySocket.toString())
                .stats(stats);
        health.forEach(builder::healthUrl);
        if (expect != null) {
            builder.expect(expect).algorithm(algorithm).pool(pools.isEmpty() ? "" : pools.get(0));
        }
        return builder.build();
    }

    /** One pool to verify: where to send requests and its declaration when known (none with --expect). */
    private record Target(URI lb, Optional<Pool> declared) {
    }

    private List<Target> targets() {
        List<URI> uris = lbs.stream().map(lb -> HttpUrl.parse("--lb", lb)).toList();
        int sources = (expect != null ? 1 : 0) + (repo != null ? 1 : 0) + (config != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("give exactly one of --expect, --repo or --config");
        }
        if (expect != null) {
            if (uris.size() != 1 || pools.size() > 1) {
                throw new IllegalArgumentException("--expect describes one pool: give one --lb (and at most one --pool)");
            }
            return List.of(new Target(uris.get(0), Optional.empty()));
        }
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("--pool is required with --repo or --config");
        }
        if (uris.size() != pools.size()) {
            throw new IllegalArgumentException("give one --lb per --pool, in the same order (" + pools.size()
                    + " pools, " + uris.size() + " URLs)");
        }
        List<Pool> declared = repo != null ? DeclaredPools.atRevision(repo, rev, Optional.empty(), pools)
                : DeclaredPools.inFile(config, pools);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            targets.add(new Target(uris.get(i), Optional.of(declared.get(i))));
        }
        return targets;
    }

    /** {@code --holds FILE}, else {@code .releasegate/holds.yml} at {@code --rev} of {@code --repo}, else none. */
    private Holds holds() {
        if (holdsFile != null) {
            // capped like the holds of the revision it stands beside: that revision's policy, else the default
            return DeclaredHolds.inFile(holdsFile, repo != null ? DeclaredHolds.maxDurationAt(repo, rev)
                    : HoldPolicy.DEFAULTS.maxDuration(), Instant.now(), false);
        }
        return repo != null ? DeclaredHolds.atRevision(repo, rev, Optional.empty()) : Holds.none("");
    }
}
