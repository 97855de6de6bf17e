package io.releasegate.gate;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.YamlNode;
import io.releasegate.policy.Durations;
import io.releasegate.verify.ExpectedPool;
import io.releasegate.verify.VerificationRequest;
import io.releasegate.verify.VerificationSpec;
import io.releasegate.verify.probe.HttpUrl;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code verify:} section of {@code .releasegate.yml}: how {@code release-gate run} verifies the pool after a
 * deploy (one {@link VerificationSpec}, the same options as {@code release-gate verify}), and the time limits of the
 * deploy and rollback commands.
 *
 * <p>Keys: {@code lb} and {@code pool} (required); {@code expect} (servers that must carry traffic, {@code
 * web-01,web-02} or {@code web-01=3,web-02=1}; default the pool as declared), {@code identify}, {@code requests},
 * {@code rate}, {@code concurrency}, {@code alpha}, {@code maxErrorRate}, {@code timeout}, {@code deadline},
 * {@code healthPath}, {@code latencyP95Ms}, {@code haproxySocket}, {@code stats}, {@code deployTimeout},
 * {@code rollbackTimeout}.
 *
 * @param verify          the verification of the pool
 * @param pool            the pool (HAProxy backend, nginx upstream) to verify
 * @param deployTimeout   the deploy command is killed after this
 * @param rollbackTimeout the rollback command is killed after this
 */
public record GateSettings(VerificationSpec verify, String pool, Duration deployTimeout, Duration rollbackTimeout)
        implements Serializable {
    private static final long serialVersionUID = 2L;
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
        String pool = required(node, "pool").asText().trim();
        VerificationSpec verify = spec(node, pool, "verify");
        return new GateSettings(verify, pool, duration(node, "deployTimeout", DEFAULT_COMMAND_TIMEOUT),
                duration(node, "rollbackTimeout", DEFAULT_COMMAND_TIMEOUT));
    }

    /**
     * Reads the verification keys of {@code node} (those of {@code verify:} but {@code pool}, {@code deployTimeout}
     * and {@code rollbackTimeout}; {@code lb} required) into one spec, for the pool {@code pool}. Also the entries of
     * {@code watch.pools} (docs/watch.md).
     *
     * @param section how errors name the section ({@code verify}, {@code watch.pools.web})
     * @throws ConfigParseException naming the file, line and key of a bad or missing value
     */
    public static VerificationSpec spec(YamlNode node, String pool, String section) throws ConfigParseException {
        YamlNode lbNode = node.get("lb").orElseThrow(() -> node.error(section + ".lb is required (the load "
                + "balancer's URL)"));
        lb(lbNode, section);
        stats(node, section);
        VerificationSpec.Builder spec = VerificationSpec.builder(lbNode.asText().trim()).optionPrefix(section + ".");
        if (node.get("identify").isPresent()) {
            YamlNode value = node.get("identify").get();
            try {
                spec.identify(value.asText());
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage());
            }
        }
        String expect = text(node, "expect");
        if (!expect.isEmpty()) {
            try {
                ExpectedPool.parse(expect);
            } catch (IllegalArgumentException e) {
                throw node.get("expect").get().error(section + ".expect: " + e.getMessage());
            }
            spec.expect(expect).pool(pool);
        }
        if (node.get("requests").isPresent()) {
            spec.requests(node.get("requests").get().asInt(0, 10_000_000));
        }
        if (node.get("concurrency").isPresent()) {
            spec.concurrency(node.get("concurrency").get().asInt(1, 1024));
        }
        if (node.get("latencyP95Ms").isPresent()) {
            spec.latencyP95Ms(node.get("latencyP95Ms").get().asInt(0, 3_600_000));
        }
        spec.rate(number(node, "rate", 0, 1_000_000, VerificationRequest.DEFAULT_RATE))
                .alpha(number(node, "alpha", 1e-12, 0.5, VerificationRequest.DEFAULT_ALPHA))
                .maxErrorRate(number(node, "maxErrorRate", 0, 0.99, VerificationRequest.DEFAULT_MAX_ERROR_RATE))
                .timeout(duration(node, "timeout", VerificationRequest.DEFAULT_TIMEOUT))
                .deadline(duration(node, "deadline", VerificationRequest.DEFAULT_DEADLINE))
                .healthPath(text(node, "healthPath")).haproxySocket(text(node, "haproxySocket"))
                .stats(text(node, "stats"));
        try {
            return spec.build();
        } catch (IllegalArgumentException e) {
            throw node.error(section + ": " + e.getMessage());
        }
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

    /** Checks {@code lb} where it is written, so that the error names its line. */
    private static void lb(YamlNode value, String section) throws ConfigParseException {
        try {
            HttpUrl.parse(section + ".lb", value.asText());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    /** Checks {@code stats} where it is written, so that the error names its line. */
    private static void stats(YamlNode node, String section) throws ConfigParseException {
        if (node.get("stats").isEmpty()) {
            return;
        }
        YamlNode value = node.get("stats").get();
        try {
            HttpUrl.parse(section + ".stats", value.asText().trim());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }
}
