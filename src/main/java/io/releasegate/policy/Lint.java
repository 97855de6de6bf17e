package io.releasegate.policy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Static safety checks of the pools at one revision: the incident's shape, found before anything changes. */
public final class Lint {
    private Lint() {
    }

    public static List<LintFinding> check(List<ConfigFile> files) {
        List<LintFinding> findings = new ArrayList<>();
        for (ConfigFile file : files) {
            for (Pool pool : file.pools()) {
                findings.addAll(check(pool));
            }
        }
        return findings;
    }

    static List<LintFinding> check(Pool pool) {
        List<LintFinding> findings = new ArrayList<>();
        List<Server> enabled = pool.servers().stream().filter(server -> !server.disabled()).toList();
        boolean allBackup = !enabled.isEmpty() && enabled.stream().allMatch(Server::backup);
        boolean allZero = !enabled.isEmpty() && enabled.stream().allMatch(server -> server.weight() == 0);
        if (allZero) {
            findings.add(finding(LintFinding.Kind.ALL_WEIGHTS_ZERO, Risk.CRITICAL, pool, pool.line(), "",
                    "Pool " + pool.name() + ": every enabled server has weight 0, so no server takes traffic."));
        } else if (allBackup) {
            findings.add(finding(LintFinding.Kind.ALL_SERVERS_BACKUP, Risk.HIGH, pool, pool.line(), "",
                    "Pool " + pool.name() + ": every enabled server is a backup, so no server takes normal traffic."));
        } else if (pool.activeServers().size() < 2) {
            int active = pool.activeServers().size();
            findings.add(finding(LintFinding.Kind.SINGLE_POINT_OF_FAILURE, Risk.HIGH, pool, pool.line(), "",
                    "Pool " + pool.name() + " has " + (active == 0 ? "no server" : "only 1 server ("
                            + pool.activeServers().get(0).name() + ")")
                            + " that can take traffic: a single point of failure."));
        }
        if (pool.servers().size() > 1 && !pool.healthChecked()) {
            findings.add(finding(LintFinding.Kind.NO_HEALTH_CHECKS, Risk.MEDIUM, pool, pool.line(), "",
                    "Pool " + pool.name() + " has " + pool.servers().size()
                            + " servers and none is health checked: a dead server keeps its share of traffic."));
        }
        Map<String, Server> names = new HashMap<>();
        Map<String, Server> addresses = new HashMap<>();
        for (Server server : pool.servers()) {
            Server sameName = names.putIfAbsent(server.name(), server);
            if (sameName != null) {
                findings.add(finding(LintFinding.Kind.DUPLICATE_SERVER_NAME, Risk.HIGH, pool, server.line(),
                        server.name(), "Pool " + pool.name() + ": server name " + server.name()
                                + " is used twice (lines " + sameName.line() + " and " + server.line() + ")."));
            }
            Server sameAddress = addresses.putIfAbsent(server.address(), server);
            if (sameAddress != null && sameName == null) {
                findings.add(finding(LintFinding.Kind.DUPLICATE_SERVER_ADDRESS, Risk.MEDIUM, pool, server.line(),
                        server.name(), "Pool " + pool.name() + ": " + sameAddress.name() + " and " + server.name()
                                + " both point at " + server.address() + ": one machine counted twice."));
            }
        }
        return findings;
    }

    private static LintFinding finding(LintFinding.Kind kind, Risk risk, Pool pool, int line, String server,
            String message) {
        return new LintFinding(kind, risk, pool.file(), line, pool.name(), server, message);
    }

    /** The highest risk among findings; NONE when there are none. */
    public static Risk overall(List<LintFinding> findings) {
        Risk risk = Risk.NONE;
        for (LintFinding finding : findings) {
            risk = Risk.max(risk, finding.risk());
        }
        return risk;
    }
}
