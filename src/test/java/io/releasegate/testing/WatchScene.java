package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A watched pool for tests: real backends web-01 and web-02 behind a real HAProxy (runtime API socket), the same
 * config committed to a real git repository with a policy whose {@code watch:} section points at it, and secret
 * files for the paging contacts (allowed with {@code --secret-dir}).
 */
public final class WatchScene implements AutoCloseable {
    public final HttpBackend web1;
    public final HttpBackend web2;
    public final ScenarioRepo repo;
    public final Path repoDir;
    public final Path secrets;
    private final Path haproxyDir;
    private final int frontendPort;
    private HaproxyProcess haproxy;

    private WatchScene(Path dir) {
        web1 = HttpBackend.start("web-01");
        web2 = HttpBackend.start("web-02");
        try {
            haproxyDir = Files.createDirectories(dir.resolve("haproxy"));
            repoDir = Files.createDirectories(dir.resolve("repo"));
            secrets = Files.createDirectories(dir.resolve("secrets"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frontendPort = FreePorts.next();
        haproxy = HaproxyProcess.start(haproxyDir, HaproxyProcess.roundRobinWeb(frontendPort, web1, web2),
                frontendPort);
        repo = ScenarioRepo.init(repoDir);
        try {
            repo.write("haproxy.cfg", Files.readString(haproxy.configFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WatchScene start(Path dir) {
        return new WatchScene(dir);
    }

    /**
     * Commits the policy: pool web watched through this HAProxy (its socket, health path /health, uncapped rate),
     * and the given PagerDuty contacts (name to base URL, each with a routing key file {@code <name>-key}); the first
     * is the chain.
     */
    public WatchScene policy(int failAfter, String extra, Map<String, String> contacts) {
        StringBuilder text = new StringBuilder("watch:\n  failAfter: ").append(failAfter).append("\n  pools:\n")
                .append("    web:\n      lb: ").append(haproxy.url()).append("\n      haproxySocket: ")
                .append(haproxy.socket()).append("\n      healthPath: /health\n      rate: 0\n");
        if (!contacts.isEmpty()) {
            text.append("escalation:\n  chain: [").append(contacts.keySet().iterator().next()).append("]\n")
                    .append("  retry: {maxAttempts: 2, initialBackoffMs: 20, maxBackoffMs: 50, attemptTimeoutMs: "
                            + "2000, deadlineMs: 3000}\n  contacts:\n");
            contacts.forEach((name, baseUrl) -> {
                text.append("    ").append(name).append(": {type: pagerduty, routingKey: \"file:")
                        .append(secrets.resolve(name + "-key")).append("\", baseUrl: \"").append(baseUrl)
                        .append("\"}\n");
                try {
                    Files.writeString(secrets.resolve(name + "-key"), name + "-routing-key-0123456789");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        text.append(extra);
        repo.write(".releasegate.yml", text.toString()).commit("watch web");
        return this;
    }

    /** Commits a hold on web/web-02 from {@code since} to {@code until}, owned by alice. */
    public String hold(Instant since, Instant until, String contact) {
        return repo.write(".releasegate/holds.yml", "holds:\n  - pool: web\n    servers: [web-02]\n    since: "
                + since + "\n    until: " + until + "\n    reason: load test\n    owner: alice\n"
                + (contact.isEmpty() ? "" : "    contact: " + contact + "\n")).commit("hold web-02");
    }

    public HaproxyProcess haproxy() {
        return haproxy;
    }

    /** Stops HAProxy (the load balancer becomes unreachable). */
    public void stopHaproxy() {
        haproxy.close();
    }

    /** Starts HAProxy again with the same configuration, port and socket: a restart. */
    public void startHaproxy() {
        try {
            haproxy = HaproxyProcess.start(haproxyDir, Files.readString(haproxyDir.resolve("haproxy.cfg")),
                    frontendPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            haproxy.close();
            repo.close();
        } finally {
            web1.close();
            web2.close();
        }
    }
}
