package io.releasegate.gate;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.policy.Durations;
import io.releasegate.verify.BackendIdentifier;
import io.releasegate.verify.VerificationRequest;
import io.releasegate.verify.probe.HttpUrl;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code verify:} section of {@code .releasegate.yml}: how {@code release-gate run} verifies the pool after a
 * deploy (the same options as {@code release-gate verify}), and the time limits of the deploy and rollback commands.
 *
 * @param lb              the load balancer's frontend URL (required)
 * @param pool            the pool (HAProxy backend, nginx upstream) to verify (required)
 * @param expect          servers that must carry traffic, {@code web-01,web-02} or {@code web-01=3,web-02=1}; empty
 *                        means the pool as declared at the head revision
 * @param identify        where a response names its backend ({@code header:X-Served-By})
 * @param requests        upper bound of requests, 0 = from the sample plan
 * @param rate            requests per second (cap)
 * @param concurrency     requests in flight
 * @param alpha           significance level
 * @param maxErrorRate    largest tolerated share of errors
 * @param timeout         per request
 * @param deadline        for one verification
 * @param healthPath      probe each declared server directly at this path; empty = no health check
 * @param latencyP95Ms    health: p95 latency limit, 0 = off
 * @param haproxySocket   HAProxy runtime API socket for the drift check; empty = none
 * @param stats           HAProxy stats CSV URL for the drift check; empty = none
 * @param deployTimeout   the deploy command is killed after this
 * @param rollbackTimeout the rollback command is killed after this
 */
public record GateSettings(URI lb, String pool, String expect, BackendIdentifier identify, int requests, double rate,
        int concurrency, double alpha, double maxErrorRate, Duration timeout, Duration deadline, String healthPath,
        long latencyP95Ms, String haproxySocket, String stats, Duration deployTimeout, Duration rollbackTimeout)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The keys of the {@code verify:} section. */
    public static final String[] KEYS = {"lb", "pool", "expect", "identify", "requests", "rate", "concurrency",
        "alpha", "maxErrorRate", "timeout", "deadline", "healthPath", "latencyP95Ms", "haproxySocket", "stats",
        "deployTimeout", "rollbackTimeout"};
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Reads the section; {@code lb} and {@code pool} are required.
     *
     * @throws ConfigParseException naming the file, line and key of a bad or missing value
     */
    public static GateSettings read(Optional<YamlNode> section, String policySource) throws ConfigParseException {
        if (section.isEmpty()) {
            throw new ConfigParseException(policySource, 1, 1, "no verify: section; release-gate run needs at "
                    + "least verify.lb (the load balancer URL) and verify.pool (docs/run-and-drill.md)");
        }
        YamlNode node = section.get();
        node.requireOnly(KEYS);
        URI lb = uri(required(node, "lb"));
        String pool = required(node, "pool").asText().trim();
        BackendIdentifier identify = BackendIdentifier.DEFAULT;
        if (node.get("identify").isPresent()) {
            YamlNode value = node.get("identify").get();
            try {
                identify = BackendIdentifier.parse(value.asText());
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage());
            }
        }
        String expect = text(node, "expect");
        if (!expect.isEmpty()) {
            try {
                io.releasegate.verify.ExpectedPool.parse(expect);
            } catch (IllegalArgumentException e) {
                throw node.get("expect").get().error("verify.expect: " + e.getMessage());
            }
        }
        return new GateSettings(lb, pool, expect, identify,
                node.get("requests").isPresent() ? node.get("requests").get().asInt(0, 10_000_000) : 0,
                number(node, "rate", 0, 1_000_000, VerificationRequest.DEFAULT_RATE),
                node.get("concurrency").isPresent() ? node.get("concurrency").get().asInt(1, 1024)
                        : VerificationRequest.DEFAULT_CONCURRENCY,
                number(node, "alpha", 1e-12, 0.5, VerificationRequest.DEFAULT_ALPHA),
                number(node, "maxErrorRate", 0, 0.99, VerificationRequest.DEFAULT_MAX_ERROR_RATE),
                duration(node, "timeout", VerificationRequest.DEFAULT_TIMEOUT),
                duration(node, "deadline", VerificationRequest.DEFAULT_DEADLINE),
                text(node, "healthPath"),
                node.get("latencyP95Ms").isPresent() ? node.get("latencyP95Ms").get().asInt(0, 3_600_000) : 1000,
                text(node, "haproxySocket"), stats(node),
                duration(node, "deployTimeout", DEFAULT_COMMAND_TIMEOUT),
                duration(node, "rollbackTimeout", DEFAULT_COMMAND_TIMEOUT));
    }

    /** The request for one verification of {@code expected} with these settings. */
    public VerificationRequest request(io.releasegate.verify.ExpectedPool expected) {
        return VerificationRequest.builder(lb, expected).identify(identify).requests(requests).rate(rate)
                .concurrency(concurrency).alpha(alpha).maxErrorRate(maxErrorRate).timeout(timeout)
                .deadline(deadline).build();
    }

    private static YamlNode required(YamlNode node, String key) throws ConfigParseException {
        return node.get(key).orElseThrow(() -> node.error("verify." + key + " is required by release-gate run"));
    }

    private static String text(YamlNode node, String key) throws ConfigParseException {
        return node.get(key).isPresent() ? node.get(key).get().asText().trim() : "";
    }

    private static double number(YamlNode node, String key, double min, double max, double fallback)
            throws ConfigParseException {
        return node.get(key).isPresent() ? node.get(key).get().asDouble(min, max) : fallback;
    }

    private static Duration duration(YamlNode node, String key, Duration fallback) throws ConfigParseException {
        if (node.get(key).isEmpty()) {
            return fallback;
        }
        YamlNode value = node.get(key).get();
        try {
            Duration duration = Durations.parse(value.asText());
            if (duration.isZero() || duration.isNegative()) {
                throw value.error("must be positive");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    private static URI uri(YamlNode value) throws ConfigParseException {
        try {
            return HttpUrl.parse("verify.lb", value.asText());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    private static String stats(YamlNode node) throws ConfigParseException {
        String stats = text(node, "stats");
        try {
            return stats.isEmpty() ? stats : HttpUrl.parse("verify.stats", stats).toString();
        } catch (IllegalArgumentException e) {
            throw node.get("stats").get().error(e.getMessage());
        }
    }
}
