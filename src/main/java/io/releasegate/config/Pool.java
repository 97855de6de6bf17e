package io.releasegate.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool of servers behind one balancing decision: an HAProxy {@code backend}/{@code listen} section, an nginx
 * {@code upstream} block, or a pool in a pool file.
 *
 * @param name        the pool's name
 * @param algorithm   the effective balance algorithm, canonical (e.g. {@code roundrobin}, {@code leastconn},
 *                    {@code source}, {@code uri}, {@code ip_hash}, {@code hash $request_uri consistent})
 * @param healthCheck how servers are checked when they have checks on (e.g. {@code tcp}, {@code http GET /health},
 *                    {@code passive}), or empty when the pool has no check definition of its own
 * @param file        the file the pool is defined in (repository-relative where known)
 * @param line        1-based line of the definition
 * @param servers     the servers in source order
 */
public record Pool(String name, String algorithm, String healthCheck, String file, int line, List<Server> servers)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Pool {
        Objects.requireNonNull(name, "name");
        algorithm = algorithm == null ? "" : algorithm;
        healthCheck = healthCheck == null ? "" : healthCheck;
        servers = List.copyOf(servers);
    }

    /** Servers that take a share of normal traffic: not disabled, not backup, weight above zero. */
    public List<Server> activeServers() {
        return servers.stream().filter(Server::takesTraffic).toList();
    }

    /** Backup servers that are not disabled. */
    public List<Server> backupServers() {
        return servers.stream().filter(s -> s.backup() && !s.disabled()).toList();
    }

    /** Sum of the weights of the active servers. */
    public int totalWeight() {
        return activeServers().stream().mapToInt(Server::weight).sum();
    }

    /** At least one server is health checked. */
    public boolean healthChecked() {
        return servers.stream().anyMatch(Server::healthCheck);
    }

    public Optional<Server> server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }
}
