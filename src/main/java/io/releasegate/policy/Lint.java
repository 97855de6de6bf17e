package io.releasegate.policy;

import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigNote;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Static safety checks of the pools at one revision: the incident's shape, found before anything changes. What the
 * parsers kept but could not judge (keywords unknown to the reference version, conditional servers) is reported
 * too, never dropped. A pool or note reached through nginx includes is reported once, from the file that includes
 * it (read with its context), even when the included file is also read on its own.
 */
public final class Lint {
    private Lint() {
    }

    public static List<LintFinding> check(List<ConfigFile> files) {
        List<LintFinding> findings = new ArrayList<>();
        Set<String> sectionsNoted = new HashSet<>();
        Set<String> seenNotes = new HashSet<>();
        for (ConfigFile file : includersFirst(files)) {
            for (ConfigNote note : file.notes()) {
                if (seenNotes.add(note.kind() + " " + note.file() + ":" + note.line() + " " + note.keyword())) {
                    findings.add(finding(note));
                    if (note.kind() == ConfigNote.Kind.CONDITIONAL && !note.pool().isEmpty()) {
                        sectionsNoted.add(note.file() + " " + note.pool());
                    }
                }
            }
        }
        for (Pool pool : distinctPools(files)) {
            findings.addAll(check(pool));
            if (!sectionsNoted.contains(pool.file() + " " + pool.name())) {
                conditionalServers(pool, findings);
            }
        }
        return findings;
    }

    /** The pools of the files, each once: by its file, line and name, from the file that includes it first. */
    static List<Pool> distinctPools(List<ConfigFile> files) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (ConfigFile file : includersFirst(files)) {
            for (Pool pool : file.pools()) {
                pools.putIfAbsent(pool.file() + ":" + pool.line() + ":" + pool.name(), pool);
            }
        }
        return List.copyOf(pools.values());
    }

    /** Files that no other file includes, then the included ones, each group in the given order. */
    private static List<ConfigFile> includersFirst(List<ConfigFile> files) {
        Set<String> included = new HashSet<>();
        files.forEach(file -> included.addAll(file.includes()));
        List<ConfigFile> ordered = new ArrayList<>();
        files.stream().filter(file -> !included.contains(file.path())).forEach(ordered::add);
        files.stream().filter(file -> included.contains(file.path())).forEach(ordered::add);
        return ordered;
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
            // nginx servers are named by their address: the same name twice is the same address twice (legal)
            boolean named = !server.name().equals(server.address());
            Server sameName = named ? names.putIfAbsent(server.name(), server) : null;
            // the same name in two branches of an .if that cannot be evaluated is one server or the other
            boolean exclusive = sameName != null && sameName.conditional() && server.conditional()
                    && !sameName.condition().equals(server.condition());
            if (sameName != null && !exclusive) {
                findings.add(finding(LintFinding.Kind.DUPLICATE_SERVER_NAME, Risk.HIGH, pool, server.line(),
                        server.name(), "Pool " + pool.name() + ": server name " + server.name()
                                + " is used twice (lines " + sameName.line() + " and " + server.line() + ")."));
            }
            Server sameAddress = addresses.putIfAbsent(server.address(), server);
            if (sameAddress != null && sameName == null && !exclusive) {
                String who = named ? sameAddress.name() + " and " + server.name() + " both point at "
                        + server.address() : server.address() + " is listed on line " + sameAddress.line()
                        + " and again on line " + server.line();
                findings.add(finding(LintFinding.Kind.DUPLICATE_SERVER_ADDRESS, Risk.MEDIUM, pool, server.line(),
                        server.name(), "Pool " + pool.name() + ": " + who + ": one machine counted twice."));
            }
        }
        return findings;
    }

    private static void conditionalServers(Pool pool, List<LintFinding> findings) {
        Map<String, List<Server>> byCondition = new LinkedHashMap<>();
        pool.servers().stream().filter(Server::conditional)
                .forEach(server -> byCondition.computeIfAbsent(server.condition(), k -> new ArrayList<>())
                        .add(server));
        byCondition.forEach((condition, servers) -> findings.add(finding(LintFinding.Kind.CONDITIONAL, Risk.LOW,
                pool, servers.get(0).line(), servers.size() == 1 ? servers.get(0).name() : "",
                "Pool " + pool.name() + ": " + (servers.size() == 1 ? "server " : "servers ")
                        + servers.stream().map(Server::name).collect(Collectors.joining(", "))
                        + (servers.size() == 1 ? " exists" : " exist") + " only if " + condition
                        + ", which cannot be evaluated offline; counted here as if "
                        + (servers.size() == 1 ? "it does." : "they do."))));
    }

    private static LintFinding finding(ConfigNote note) {
        LintFinding.Kind kind = note.kind() == ConfigNote.Kind.CONDITIONAL ? LintFinding.Kind.CONDITIONAL
                : LintFinding.Kind.UNKNOWN_TO_THIS_VERSION;
        return new LintFinding(kind, Risk.LOW, note.file(), note.line(), note.pool(), "", note.message());
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
