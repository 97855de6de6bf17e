package io.releasegate.verify;

import io.releasegate.config.Addresses;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pool the traffic should reach: the servers that take traffic with their weights, and the algorithm.
 *
 * @param name      the pool's name (for reports)
 * @param algorithm the balance algorithm as declared, or empty when unknown (explicit {@code --expect})
 * @param servers   the servers that take traffic (backup and disabled servers excluded), in declared order
 */
public record ExpectedPool(String name, String algorithm, List<ExpectedServer> servers) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern ENTRY = Pattern.compile("([^=\\s,]+)(?:=(\\d{1,6}))?");

    public ExpectedPool {
        Objects.requireNonNull(name, "name");
        algorithm = algorithm == null ? "" : algorithm;
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("pool " + name + " has no server that takes traffic");
        }
    }

    /** The servers of a parsed pool that take traffic: not backup, not disabled, weight above zero. */
    public static ExpectedPool fromPool(Pool pool) {
        List<ExpectedServer> servers = new ArrayList<>();
        for (Server server : pool.activeServers()) {
            servers.add(new ExpectedServer(server.name(), server.address(), server.weight()));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool.name() + " (" + pool.file() + ":" + pool.line()
                    + ") has no server that takes traffic (all are backup, disabled or weight 0)");
        }
        return new ExpectedPool(pool.name(), pool.algorithm(), servers);
    }

    /**
     * Parses {@code web-01,web-02} (equal weights) or {@code web-01=3,web-02=1}.
     *
     * @throws IllegalArgumentException with a message naming the bad entry
     */
    public static ExpectedPool parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--expect is empty: give servers like web-01,web-02 or web-01=3,web-02=1");
        }
        Map<String, ExpectedServer> servers = new LinkedHashMap<>();
        for (String raw : spec.split(",", -1)) {
            String entry = raw.trim();
            var matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--expect: cannot read '" + entry + "' in '" + spec
                        + "': expected NAME or NAME=WEIGHT (weight a whole number), separated by commas");
            }
            int weight = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
            if (weight == 0) {
                throw new IllegalArgumentException("--expect: '" + entry + "' has weight 0; a server that takes no "
                        + "traffic does not belong in the expectation");
            }
            String serverName = matcher.group(1);
            if (servers.put(serverName, new ExpectedServer(serverName, "", weight)) != null) {
                throw new IllegalArgumentException("--expect: server '" + serverName + "' is listed twice in '"
                        + spec + "'");
            }
        }
        return new ExpectedPool("expected", "", new ArrayList<>(servers.values()));
    }

    /** The same servers under another pool name (e.g. the backend name for drift with {@code --expect}). */
    public ExpectedPool withName(String newName) {
        return new ExpectedPool(newName, algorithm, servers);
    }

    /** The same servers under a declared algorithm. */
    public ExpectedPool withAlgorithm(String newAlgorithm) {
        return new ExpectedPool(name, newAlgorithm, servers);
    }

    /** As a pool of the config model (for the drift check of an explicit expectation). */
    public Pool toPool() {
        List<Server> list = new ArrayList<>();
        for (ExpectedServer server : servers) {
            Server.Builder builder = Server.builder(server.name()).weight(server.weight());
            if (!server.address().isEmpty()) {
                try {
                    Addresses.HostPort hostPort = Addresses.split(server.address(), 0);
                    builder.address(hostPort.host(), hostPort.port());
                } catch (IllegalArgumentException notAnAddress) {
                    builder.host(server.address());
                }
            }
            list.add(builder.build());
        }
        return new Pool(name, algorithm, "", "--expect", 0, list);
    }

    public BalanceMode mode() {
        return BalanceMode.of(algorithm);
    }

    public int totalWeight() {
        return servers.stream().mapToInt(ExpectedServer::weight).sum();
    }

    /** Expected share of each server, in declared order (for {@link BalanceMode#FIRST}: all on the first). */
    public Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        double total = totalWeight();
        for (int i = 0; i < servers.size(); i++) {
            ExpectedServer server = servers.get(i);
            double share = mode() == BalanceMode.FIRST ? (i == 0 ? 1.0 : 0.0) : server.weight() / total;
            shares.put(server.name(), share);
        }
        return Collections.unmodifiableMap(shares);
    }

    public List<String> names() {
        return servers.stream().map(ExpectedServer::name).toList();
    }

    /**
     * Maps a value reported by the load balancer to a declared server: its name, or its address (nginx
     * {@code $upstream_addr}; of a list like {@code a, b} or {@code a : b} the last one answered).
     */
    public Optional<String> resolve(String reported) {
        if (reported == null) {
            return Optional.empty();
        }
        String value = lastOfList(reported.trim());
        for (ExpectedServer server : servers) {
            if (server.name().equals(value) || (!server.address().isEmpty() && server.address().equals(value))) {
                return Optional.of(server.name());
            }
        }
        return Optional.empty();
    }

    /** The value a report shows for a server outside the pool: the last entry of an upstream list. */
    public static String lastOfList(String reported) {
        int cut = Math.max(reported.lastIndexOf(','), reported.lastIndexOf(" : "));
        String last = cut < 0 ? reported : reported.substring(cut + (reported.charAt(cut) == ',' ? 1 : 3));
        return last.trim();
    }
}
