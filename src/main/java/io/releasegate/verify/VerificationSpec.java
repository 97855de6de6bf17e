package io.releasegate.verify;

import io.releasegate.config.Pool;
import io.releasegate.hold.Holds;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.live.StatsPage;
import io.releasegate.log.LogSink;
import io.releasegate.verify.health.HealthOptions;
import io.releasegate.verify.health.HealthProbe;
import io.releasegate.verify.health.HealthTarget;
import io.releasegate.verify.probe.HttpUrl;
import io.releasegate.verify.probe.RateBudget;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification as {@code release-gate verify}, the policy's {@code verify:} section ({@code release-gate run}) and
 * the Jenkins steps describe it, built once and checked when built: where the requests go ({@code lb}), what the
 * traffic must show ({@link Expectation}), how the traffic is sent ({@link Traffic}) and which live checks run beside
 * it ({@link LiveOptions}: health, drift from the runtime API, drift from the stats page). Serializable: the Jenkins
 * plugin sends it to the agent. {@link #plan} turns it into the {@link VerificationRequest} and the {@link LiveCheck}s
 * of one pool; that is the one place where the probes and live-state sources of a run are created. Everything they
 * send takes a permit of the run's one {@link RateBudget} ({@link #rateBudget}, created once per run and passed to
 * every verification of it: every pool, every sample, the verification after a rollback).
 *
 * @param lb          the load balancer's frontend URL
 * @param expectation the servers the traffic must reach
 * @param traffic     how the requests are sent and judged
 * @param live        the checks of the live system besides the traffic
 */
public record VerificationSpec(URI lb, Expectation expectation, Traffic traffic, LiveOptions live)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public VerificationSpec {
        Objects.requireNonNull(lb, "lb");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(live, "live");
    }

    /**
     * What the traffic must show.
     *
     * @param servers   {@code web-01,web-02} or {@code web-01=3,web-02=1}; empty: the pool as declared
     * @param algorithm the balance algorithm of an explicit {@code servers} list; empty: the declared one (or
     *                  round robin without a declaration)
     * @param pool      the pool's name for an explicit {@code servers} list without a declaration (drift reads this
     *                  backend); empty: {@code expected}
     */
    public record Expectation(String servers, String algorithm, String pool) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Expectation {
            servers = servers == null ? "" : servers.strip();
            algorithm = algorithm == null ? "" : algorithm.strip();
            pool = pool == null ? "" : pool.strip();
        }

        /** True when the servers are listed explicitly rather than taken from the declaration. */
        public boolean explicit() {
            return !servers.isEmpty();
        }
    }

    /**
     * How the requests are sent and judged: the options of {@link VerificationRequest}.
     */
    public record Traffic(BackendIdentifier identify, int requests, double rate, int concurrency, double alpha,
            double maxErrorRate, Duration timeout, Duration deadline) implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The documented defaults of {@code release-gate verify}. */
        public static final Traffic DEFAULTS = new Traffic(BackendIdentifier.DEFAULT, 0,
                VerificationRequest.DEFAULT_RATE, VerificationRequest.DEFAULT_CONCURRENCY,
                VerificationRequest.DEFAULT_ALPHA, VerificationRequest.DEFAULT_MAX_ERROR_RATE,
                VerificationRequest.DEFAULT_TIMEOUT, VerificationRequest.DEFAULT_DEADLINE);

        public Traffic {
            Objects.requireNonNull(identify, "identify");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /**
     * The checks of the live system besides the traffic.
     *
     * @param healthPath    probe each declared server's own address at this path; empty: no such probe
     * @param healthUrls    further health targets {@code NAME=URL}
     * @param health        how servers are probed (timeout, p95 latency, body)
     * @param haproxySocket the HAProxy runtime API socket for the drift check; empty: none
     * @param stats         the HAProxy stats CSV URL for the drift check; empty: none
     */
    public record LiveOptions(String healthPath, List<String> healthUrls, HealthOptions health, String haproxySocket,
            String stats) implements Serializable {
        private static final long serialVersionUID = 1L;

        public LiveOptions {
            healthPath = healthPath == null ? "" : healthPath.strip();
            healthUrls = healthUrls == null ? List.of() : List.copyOf(healthUrls);
            Objects.requireNonNull(health, "health");
            haproxySocket = haproxySocket == null ? "" : haproxySocket.strip();
            stats = stats == null ? "" : stats.strip();
        }
    }

    /**
     * What {@link Verifier#verify(VerificationRequest, List, RateBudget, LogSink)} needs for one pool.
     *
     * @param request    the traffic
     * @param liveChecks health and drift
     * @param held       what the pool's holds make expected: {@link Verifier#adjusting} applies it before the judge
     */
    public record Plan(VerificationRequest request, List<LiveCheck> liveChecks, HeldServers held) {
        public Plan {
            liveChecks = List.copyOf(liveChecks);
            Objects.requireNonNull(held, "held");
        }

        /** The verifier adjusted by the holds. */
        public Verifier verifier(Verifier verifier) {
            return held.isEmpty() ? verifier : verifier.adjusting(held);
        }
    }

    public static Builder builder(String lb) {
        return new Builder(lb);
    }

    /**
     * The servers the traffic must reach: the declared pool's (not backup, not disabled), or the explicit list under
     * the declared pool's name and algorithm.
     *
     * @param declared the pool as declared, empty when only an explicit list is known
     * @throws IllegalArgumentException when nothing says which servers to expect, or none takes traffic
     */
    public ExpectedPool expected(Optional<Pool> declared) {
        if (!expectation.explicit()) {
            return ExpectedPool.fromPool(declared.orElseThrow(() -> new IllegalArgumentException(
                    "nothing to verify against: give the expected servers or a pool from a configuration")));
        }
        ExpectedPool pool = ExpectedPool.parse(expectation.servers());
        String name = declared.map(Pool::name).orElse(expectation.pool().isEmpty() ? pool.name()
                : expectation.pool());
        String algorithm = !expectation.algorithm().isEmpty() ? expectation.algorithm()
                : declared.map(Pool::algorithm).orElse("");
        return pool.withName(name).withAlgorithm(algorithm);
    }

    /**
     * The request and live checks of one pool.
     *
     * @param declared   the pool as declared (the drift check compares with it, the health path probes its
     *                   servers), empty when only an explicit list is known
     * @param poolsInRun pools verified in the same run (each is tested at alpha / poolsInRun)
     */
    public Plan plan(Optional<Pool> declared, int poolsInRun) {
        return plan(declared, Holds.none(""), Clock.systemUTC(), poolsInRun);
    }

    /**
     * The request and live checks of one pool, with its holds: a server held now is left out of the expected pool,
     * may be out of the live pool, and FAILs when it is still out after its hold ended ({@link HeldServers}).
     *
     * @param holds the holds of the revision the pool is declared at
     * @param clock the time the holds are judged at
     */
    public Plan plan(Optional<Pool> declared, Holds holds, Clock clock, int poolsInRun) {
        return plan(declared, holds, clock, poolsInRun, LiveObserver.NONE);
    }

    /** As {@link #plan(Optional, Holds, Clock, int)}, with {@code observer} seeing what the live checks read. */
    public Plan plan(Optional<Pool> declared, Holds holds, Clock clock, int poolsInRun, LiveObserver observer) {
        ExpectedPool all = expected(declared);
        Pool compared = declared.orElseGet(all::toPool);
        HeldServers held = new HeldServers(compared, holds, clock);
        ExpectedPool expected = held.isEmpty() ? all : held.expected(all);
        VerificationRequest request = VerificationRequest.builder(lb, expected).identify(traffic.identify())
                .requests(traffic.requests()).rate(traffic.rate()).concurrency(traffic.concurrency())
                .alpha(traffic.alpha()).maxErrorRate(traffic.maxErrorRate()).timeout(traffic.timeout())
                .deadline(traffic.deadline()).poolsInRun(poolsInRun).build();
        List<LiveCheck> checks = new ArrayList<>();
        List<HealthTarget> targets = new ArrayList<>();
        if (!live.healthPath().isEmpty()) {
            if (declared.isEmpty()) {
                throw new IllegalArgumentException("the health path needs the servers' addresses from a "
                        + "load-balancer configuration; with explicitly listed servers give each one's health URL "
                        + "(NAME=URL)");
            }
            targets.addAll(HealthTarget.fromPool(declared.get(), live.healthPath()));
        }
        live.healthUrls().forEach(url -> targets.add(HealthTarget.parse("health", url)));
        if (!targets.isEmpty()) {
            checks.add(LiveChecks.health(targets, live.health(), HealthProbe.jdk(), observer));
        }
        if (!live.haproxySocket().isEmpty()) {
            checks.add(LiveChecks.drift(compared, new HaproxyRuntime(Path.of(live.haproxySocket()),
                    traffic.timeout()), held, observer));
        }
        if (!live.stats().isEmpty()) {
            checks.add(LiveChecks.drift(compared, new StatsPage(HttpUrl.parse("stats", live.stats()),
                    traffic.timeout()), held, observer));
        }
        return new Plan(request, checks, held);
    }

    /**
     * Verifies one pool (the only one of its run) with {@code verifier}, under the run's {@code budget}.
     *
     * @param budget the run's one rate budget ({@link #rateBudget}), shared with every other verification of the run
     */
    public VerificationResult verify(Verifier verifier, Optional<Pool> declared, RateBudget budget, LogSink log) {
        return verify(verifier, declared, Holds.none(""), Clock.systemUTC(), budget, log);
    }

    /** As {@link #verify(Verifier, Optional, RateBudget, LogSink)}, judging the pool's holds at the clock's time. */
    public VerificationResult verify(Verifier verifier, Optional<Pool> declared, Holds holds, Clock clock,
            RateBudget budget, LogSink log) {
        Plan plan = plan(declared, holds, clock, 1);
        return plan.verifier(verifier).verify(plan.request(), plan.liveChecks(), budget, log);
    }

    /**
     * A new rate budget of {@code traffic.rate} requests per second for one run: create it once, where the run starts
     * (a {@code release-gate verify} command, a gate run, a Jenkins step), and pass it to each of the run's
     * verifications, so that together they never send more than the rate.
     */
    public RateBudget rateBudget() {
        return RateBudget.perSecond(traffic.rate());
    }

    /** The same verification against another load balancer URL (one spec, several pools behind several LBs). */
    public VerificationSpec withLb(URI other) {
        return new VerificationSpec(other, expectation, traffic, live);
    }

    /** The same verification against another expectation. */
    public VerificationSpec withExpectation(Expectation other) {
        return new VerificationSpec(lb, other, traffic, live);
    }

    /** The URL as logs and reports show it, without user information. */
    public String displayLb() {
        return VerificationRequest.withoutCredentials(lb.toString());
    }

    /** Builds a spec with the documented defaults; {@link #build()} checks every value. */
    public static final class Builder {
        private final String lb;
        private String optionPrefix = "";
        private String servers = "";
        private String algorithm = "";
        private String pool = "";
        private BackendIdentifier identify = BackendIdentifier.DEFAULT;
        private int requests;
        private double rate = VerificationRequest.DEFAULT_RATE;
        private int concurrency = VerificationRequest.DEFAULT_CONCURRENCY;
        private double alpha = VerificationRequest.DEFAULT_ALPHA;
        private double maxErrorRate = VerificationRequest.DEFAULT_MAX_ERROR_RATE;
        private Duration timeout = VerificationRequest.DEFAULT_TIMEOUT;
        private Duration deadline = VerificationRequest.DEFAULT_DEADLINE;
        private String healthPath = "";
        private final List<String> healthUrls = new ArrayList<>();
        private long latencyP95Ms = HealthOptions.DEFAULTS.latencyP95Ms();
        private String healthBody = "";
        private String haproxySocket = "";
        private String stats = "";

        private Builder(String lb) {
            this.lb = lb;
        }

        /**
         * How errors name the options: {@code --} on the command line ({@code --lb}), {@code verify.} in the policy
         * ({@code verify.lb}); default none ({@code lb}, as the Jenkins steps' parameters are named).
         */
        public Builder optionPrefix(String value) {
            optionPrefix = value == null ? "" : value;
            return this;
        }

        /** Explicit servers ({@code web-01,web-02} or {@code web-01=3,web-02=1}); empty: the declared pool. */
        public Builder expect(String value) {
            servers = value == null ? "" : value;
            return this;
        }

        public Builder algorithm(String value) {
            algorithm = value == null ? "" : value;
            return this;
        }

        /** The pool's name for explicit servers without a declaration. */
        public Builder pool(String value) {
            pool = value == null ? "" : value;
            return this;
        }

        /** {@code header:NAME}, {@code body:REGEX} or {@code cookie:NAME}; null or empty: the default. */
        public Builder identify(String value) {
            identify = value == null || value.isBlank() ? BackendIdentifier.DEFAULT : BackendIdentifier.parse(value);
            return this;
        }

        public Builder identify(BackendIdentifier value) {
            identify = Objects.requireNonNull(value, "identify");
            return this;
        }

        public Builder requests(int value) {
            requests = value;
            return this;
        }

        public Builder rate(double value) {
            rate = value;
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        public Builder alpha(double value) {
            alpha = value;
            return this;
        }

        public Builder maxErrorRate(double value) {
            maxErrorRate = value;
            return this;
        }

        /** Per request, for the traffic, the health probes and the live-state reads. */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        public Builder deadline(Duration value) {
            deadline = Objects.requireNonNull(value, "deadline");
            return this;
        }

        public Builder healthPath(String value) {
            healthPath = value == null ? "" : value;
            return this;
        }

        /** One more health target {@code NAME=URL}. */
        public Builder healthUrl(String value) {
            healthUrls.add(value);
            return this;
        }

        /** Health: p95 latency limit in ms, 0 = off. */
        public Builder latencyP95Ms(long value) {
            latencyP95Ms = value;
            return this;
        }

        /** Health: every response body must match this regular expression; empty: no match needed. */
        public Builder healthBody(String value) {
            healthBody = value == null ? "" : value;
            return this;
        }

        public Builder haproxySocket(String value) {
            haproxySocket = value == null ? "" : value;
            return this;
        }

        public Builder stats(String value) {
            stats = value == null ? "" : value;
            return this;
        }

        /**
         * The spec, every value checked now (before anything is deployed).
         *
         * @throws IllegalArgumentException naming the bad value, as {@code release-gate verify} does
         */
        public VerificationSpec build() {
            if (lb == null || lb.isBlank()) {
                throw new IllegalArgumentException("give the load balancer's URL");
            }
            URI target = HttpUrl.parse(optionPrefix + "lb", lb);
            Expectation expectation = new Expectation(servers, algorithm, pool);
            Traffic traffic = new Traffic(identify, requests, rate, concurrency, alpha, maxErrorRate, timeout,
                    deadline);
            HealthOptions health = HealthOptions.DEFAULTS.withTimeout(timeout).withLatencyP95Ms(latencyP95Ms)
                    .withBodyRegex(healthBody);
            LiveOptions live = new LiveOptions(healthPath, healthUrls, health, haproxySocket, stats);
            VerificationSpec spec = new VerificationSpec(target, expectation, traffic, live);
            // the same checks as a real run, on a stand-in pool: a bad URL, number or list fails here
            ExpectedPool standIn = expectation.explicit() ? ExpectedPool.parse(expectation.servers())
                    : ExpectedPool.parse("stand-in");
            VerificationRequest.builder(target, standIn).identify(identify).requests(requests).rate(rate)
                    .concurrency(concurrency).alpha(alpha).maxErrorRate(maxErrorRate).timeout(timeout)
                    .deadline(deadline).build();
            live.healthUrls().forEach(url -> HealthTarget.parse(optionPrefix + "health", url));
            if (!live.stats().isEmpty()) {
                HttpUrl.parse(optionPrefix + "stats", live.stats());
            }
            return spec;
        }
    }
}
