package io.releasegate.diff;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Compares two states of one pool and says in words what changed, using effective values. */
final class PoolDiff {
    private final String file;
    private final Pool before;
    private final Pool after;
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Integer> beforeNames;
    private final Map<String, Integer> afterNames;

    private PoolDiff(String file, Pool before, Pool after) {
        this.file = file;
        this.before = before;
        this.after = after;
        this.beforeNames = names(before);
        this.afterNames = names(after);
    }

    /** How many servers of the pool have each name (more than one: twins). */
    private static Map<String, Integer> names(Pool pool) {
        Map<String, Integer> names = new HashMap<>();
        if (pool != null) {
            pool.servers().forEach(server -> names.merge(server.name(), 1, Integer::sum));
        }
        return names;
    }

    /** Changes from {@code before} to {@code after}; either may be null (pool added or removed). */
    static List<Change> compare(String file, Pool before, Pool after) {
        PoolDiff diff = new PoolDiff(file, before, after);
        diff.run();
        return diff.changes;
    }

    private void run() {
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            add(ChangeKind.POOL_ADDED, after.line(), "", "", describe(after),
                    "Pool " + after.name() + " added with " + servers(after.activeServers().size()) + " that take traffic ("
                            + names(after.activeServers()) + ").");
            singlePointOfFailure();
            return;
        }
        if (after == null) {
            add(ChangeKind.POOL_REMOVED, before.line(), "", describe(before), "",
                    "Pool " + before.name() + " removed; it had " + servers(before.activeServers().size())
                            + " that took traffic (" + names(before.activeServers()) + ").");
            return;
        }
        if (!before.algorithm().equals(after.algorithm())) {
            add(ChangeKind.ALGORITHM_CHANGED, after.line(), "", before.algorithm(), after.algorithm(),
                    "Pool " + after.name() + " balances with " + after.algorithm() + " instead of "
                            + before.algorithm() + ".");
        }
        if (!before.healthCheck().equals(after.healthCheck()) && before.healthChecked() && after.healthChecked()) {
            add(ChangeKind.OTHER_CHANGE, after.line(), "", before.healthCheck(), after.healthCheck(),
                    "Pool " + after.name() + " health check changed from " + orNone(before.healthCheck()) + " to "
                            + orNone(after.healthCheck()) + ".");
        }
        compareServers();
        singlePointOfFailure();
    }

    private void compareServers() {
        ServerMatch match = ServerMatch.of(before.servers(), after.servers());
        int total = before.totalWeight();
        for (Server server : match.removed()) {
            add(ChangeKind.SERVER_REMOVED, server.line(), server.name(), describe(server), "",
                    "Server " + label(server, beforeNames, true) + " removed from pool " + after.name() + held(server, total)
                            + ".");
        }
        for (Server server : after.servers()) {
            Server previous = match.previous(server);
            if (previous == null) {
                add(ChangeKind.SERVER_ADDED, server.line(), server.name(), "", describe(server),
                        "Server " + label(server, afterNames, true) + " added to pool " + after.name() + state(server) + ".");
            } else {
                compareServer(previous, server);
            }
        }
        capacity(match);
    }

    /** The share of normal traffic a removed server held, in words. */
    private static String held(Server server, int total) {
        if (!server.takesTraffic() || total <= 0) {
            return server.backup() && !server.disabled() ? "; it was a backup, taking traffic only when every "
                    + "active server is down" : "; it took no traffic";
        }
        return "; it took " + Math.round(100.0 * server.weight() / total) + "% of the pool's traffic (weight "
                + server.weight() + " of " + total + ")";
    }

    private void compareServer(Server old, Server now) {
        String subject = "Server " + label(now, afterNames, false) + " in pool " + after.name();
        if (!old.address().equals(now.address())) {
            add(ChangeKind.ADDRESS_CHANGED, now.line(), now.name(), old.address(), now.address(),
                    subject + " moves from " + old.address() + " to " + now.address() + ".");
        }
        if (!old.disabled() && now.disabled()) {
            add(ChangeKind.SERVER_DISABLED, now.line(), now.name(), "enabled", "disabled",
                    subject + " is disabled: it takes no traffic.");
        } else if (old.disabled() && !now.disabled()) {
            add(ChangeKind.SERVER_ENABLED, now.line(), now.name(), "disabled", "enabled",
                    subject + " is enabled again.");
        }
        if (!old.backup() && now.backup()) {
            add(ChangeKind.SERVER_BACKUP_SET, now.line(), now.name(), "active", "backup",
                    subject + " becomes a backup: it takes traffic only when every active server is down.");
        } else if (old.backup() && !now.backup()) {
            add(ChangeKind.SERVER_BACKUP_CLEARED, now.line(), now.name(), "backup", "active",
                    subject + " is no longer a backup: it takes a share of normal traffic.");
        }
        if (old.weight() != now.weight()) {
            String effect = now.weight() == 0 ? ": it takes no traffic" : "";
            add(ChangeKind.WEIGHT_CHANGED, now.line(), now.name(), Integer.toString(old.weight()),
                    Integer.toString(now.weight()),
                    subject + " weight " + old.weight() + " -> " + now.weight() + effect + ".");
        }
        if (old.healthCheck() && !now.healthCheck()) {
            add(ChangeKind.HEALTH_CHECK_REMOVED, now.line(), now.name(), "checked", "not checked",
                    subject + " is no longer health checked: if it fails it keeps receiving traffic.");
        } else if (!old.healthCheck() && now.healthCheck()) {
            add(ChangeKind.HEALTH_CHECK_ADDED, now.line(), now.name(), "not checked", "checked",
                    subject + " is now health checked.");
        }
        if (!old.params().equals(now.params())) {
            add(ChangeKind.OTHER_CHANGE, now.line(), now.name(), params(old), params(now),
                    subject + " parameters changed: " + orNone(params(old)) + " -> " + orNone(params(now)) + ".");
        }
        if (!old.condition().equals(now.condition())) {
            add(ChangeKind.OTHER_CHANGE, now.line(), now.name(), condition(old), condition(now),
                    subject + " " + (now.conditional() ? "now exists only if " + now.condition()
                            : "no longer depends on " + old.condition()) + ".");
        }
    }

    private void capacity(ServerMatch match) {
        int total = before.totalWeight();
        if (total <= 0) {
            return;
        }
        List<Server> lost = before.activeServers().stream()
                .filter(server -> match.next(server) == null || !match.next(server).takesTraffic())
                .toList();
        int lostWeight = lost.stream().mapToInt(Server::weight).sum();
        if (lostWeight == 0) {
            return;
        }
        long percent = Math.round(100.0 * lostWeight / total);
        add(ChangeKind.CAPACITY_REDUCED, after.line(), "", Integer.toString(total),
                Integer.toString(total - lostWeight),
                "Pool " + after.name() + " loses " + percent + "% of its capacity: "
                        + lost.stream().map(server -> label(server, beforeNames, false)).collect(Collectors.joining(", "))
                        + (lost.size() == 1 ? " no longer takes" : " no longer take") + " traffic (weight "
                        + lostWeight + " of " + total + ").");
    }

    private void singlePointOfFailure() {
        int now = after.activeServers().size();
        int old = before == null ? Integer.MAX_VALUE : before.activeServers().size();
        if (now < 2 && old >= 2) {
            String who = now == 0 ? "no server" : "1 server (" + names(after.activeServers()) + ")";
            add(ChangeKind.SINGLE_POINT_OF_FAILURE, after.line(), "",
                    before == null ? "" : Integer.toString(old), Integer.toString(now),
                    "Pool " + after.name() + " is left with " + who + " that can take traffic: "
                            + (now == 0 ? "every request fails." : "a single point of failure."));
        }
    }

    private void add(ChangeKind kind, int line, String server, String old, String now, String message) {
        String pool = after != null ? after.name() : before.name();
        changes.add(new Change(kind, file, line, pool, server, old, now, message));
    }

    /**
     * How a reviewer tells the server apart: its name, its address when the name is not the address, the line when
     * the pool has twins (nginx allows one address on several lines), and its condition when it has one.
     */
    static String label(Server server, Map<String, Integer> names, boolean withAddress) {
        StringBuilder text = new StringBuilder(server.name());
        int twins = names.getOrDefault(server.name(), 1);
        boolean twin = twins > 1;
        if (!server.name().equals(server.address()) && (withAddress || twin)) {
            text.append(" (").append(server.address()).append(twin ? ", line " + server.line() : "").append(')');
        } else if (twin) {
            text.append(" (line ").append(server.line()).append(", one of ").append(twins)
                    .append(" servers at that address)");
        }
        if (server.conditional()) {
            text.append(" [only if ").append(server.condition()).append(']');
        }
        return text.toString();
    }

    private static String condition(Server server) {
        return server.conditional() ? "only if " + server.condition() : "always";
    }

    static String describe(Pool pool) {
        return pool.algorithm() + ": " + pool.servers().stream().map(PoolDiff::describe)
                .collect(Collectors.joining(", "));
    }

    static String describe(Server server) {
        StringBuilder text = new StringBuilder(server.name());
        if (!server.name().equals(server.address())) {
            text.append(' ').append(server.address());
        }
        text.append(" weight ").append(server.weight());
        if (server.backup()) {
            text.append(" backup");
        }
        if (server.disabled()) {
            text.append(" disabled");
        }
        if (server.healthCheck()) {
            text.append(" check");
        }
        if (server.conditional()) {
            text.append(" only if ").append(server.condition());
        }
        return text.toString();
    }

    private static String state(Server server) {
        if (server.disabled()) {
            return " (disabled)";
        }
        if (server.backup()) {
            return " as a backup";
        }
        return server.weight() == 0 ? " with weight 0" : "";
    }

    private static String params(Server server) {
        return server.params().entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String names(List<Server> servers) {
        return servers.isEmpty() ? "none" : servers.stream().map(Server::name).collect(Collectors.joining(", "));
    }

    private static String servers(int count) {
        return count == 1 ? "1 server" : count + " servers";
    }

    private static String orNone(String value) {
        return Objects.requireNonNullElse(value, "").isEmpty() ? "none" : value;
    }
}
