package io.jenkins.plugins.releasegate.agent;

import io.releasegate.config.Pool;
import io.releasegate.log.LogSink;
import io.releasegate.policy.DeclaredPools;
import io.releasegate.report.VerificationJson;
import io.releasegate.report.VerificationJunit;
import io.releasegate.verify.BackendIdentifier;
import io.releasegate.verify.ExpectedPool;
import io.releasegate.verify.LiveCheck;
import io.releasegate.verify.LiveChecks;
import io.releasegate.verify.VerificationRequest;
import io.releasegate.verify.VerificationResult;
import io.releasegate.verify.Verifier;
import io.releasegate.live.HaproxyRuntime;
import io.releasegate.verify.health.HealthOptions;
import io.releasegate.verify.health.HealthProbe;
import io.releasegate.verify.health.HealthTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One verification of one pool with the engine's {@link Verifier}, as {@code release-gate verify} wires it: the
 * expected pool from {@code expect}, from the repository at HEAD ({@code .releasegate.yml}) or from one LB config
 * file, the health and drift checks, the JUnit XML when asked. Runs where it is called (the agent).
 */
public final class AgentVerification {
    /** The policy file name the engine reads at a revision by default. */
    public static final String DEFAULT_POLICY = ".releasegate.yml";

    private AgentVerification() {
    }

    /**
     * Verifies and returns the engine's verification JSON ({@link VerificationJson}) as plain maps.
     *
     * @param dir the workspace: the git repository, and the base of relative paths
     * @throws IllegalArgumentException for bad options (unknown pool, bad URL, bad {@code expect}), in words
     * @throws IOException when the JUnit XML cannot be written
     */
    public static Map<String, Object> run(Path dir, VerifyOptions options, LogSink log) throws IOException {
        ExpectedPool expected;
        Pool declared;
        if (options.expect != null) {
            expected = ExpectedPool.parse(options.expect);
            expected = options.pool == null ? expected : expected.withName(options.pool);
            declared = expected.toPool();
        } else {
            if (options.pool == null) {
                throw new IllegalArgumentException("give the pool to verify (pool: 'web') or the expected servers"
                        + " (expect: 'web-01,web-02')");
            }
            declared = declaredPool(dir, options);
            expected = ExpectedPool.fromPool(declared);
        }
        VerificationRequest.Builder request = VerificationRequest.builder(uri(options.lb), expected);
        if (options.identify != null) {
            request.identify(BackendIdentifier.parse(options.identify));
        }
        request.requests(options.requests);
        if (options.rate > 0) {
            request.rate(options.rate);
        }
        VerificationResult result = new Verifier().verify(request.build(), liveChecks(options, declared), log);
        if (options.junit != null) {
            VerificationJunit.write(List.of(result), dir.resolve(options.junit));
        }
        return JsonMaps.parse(VerificationJson.toJson(result), "the verification JSON");
    }

    /** {@code .releasegate.yml} or any {@code *releasegate.yml}/{@code .yaml}: a policy, not an LB config file. */
    public static boolean isPolicyFile(String config) {
        String name = Path.of(config).getFileName().toString();
        return name.endsWith("releasegate.yml") || name.endsWith("releasegate.yaml");
    }

    private static Pool declaredPool(Path dir, VerifyOptions options) {
        if (options.config == null || isPolicyFile(options.config)) {
            Optional<Path> policy = options.config == null || DEFAULT_POLICY.equals(options.config) ? Optional.empty()
                    : Optional.of(dir.resolve(options.config));
            return DeclaredPools.atRevision(dir, "HEAD", policy, options.pool);
        }
        return DeclaredPools.inFile(dir.resolve(options.config), options.pool);
    }

    private static List<LiveCheck> liveChecks(VerifyOptions options, Pool declared) {
        List<LiveCheck> checks = new ArrayList<>();
        if (options.healthPath != null) {
            if (options.expect != null) {
                throw new IllegalArgumentException("healthPath needs the servers' addresses from the configuration"
                        + " (pool: with config:), not expect:");
            }
            checks.add(LiveChecks.health(HealthTarget.fromPool(declared, options.healthPath), HealthOptions.DEFAULTS,
                    HealthProbe.jdk()));
        }
        if (options.haproxySocket != null) {
            checks.add(LiveChecks.drift(declared, new HaproxyRuntime(Path.of(options.haproxySocket),
                    VerificationRequest.DEFAULT_TIMEOUT)));
        }
        return checks;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("lb: '" + VerificationRequest.withoutCredentials(text)
                    + "' is not a URL: " + e.getReason(), e);
        }
    }
}
