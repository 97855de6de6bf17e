package io.releasegate.config.nginx;

import io.releasegate.config.ConfigNote;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Directive;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads one {@code upstream NAME { ... }} block with the rules of {@code ngx_http_upstream()},
 * {@code ngx_http_upstream_server()} and the balancer modules of nginx 1.22 (the {@code stream} ones are the same
 * apart from {@code ip_hash} and the required port). A balancer directive fixes which server parameters the servers
 * after it may use: {@code hash}, {@code ip_hash} and {@code random} do not allow {@code backup}; {@code least_conn}
 * and round robin do. As in nginx, a later balancer directive replaces an earlier one.
 */
final class NginxUpstream {
    /** Balancer directives, http and stream. {@code least_time} is nginx Plus. */
    static final Set<String> BALANCERS = Set.of("least_conn", "ip_hash", "hash", "random", "least_time");
    private static final Set<String> LEAST_TIME_MODES = Set.of("header", "last_byte", "connect", "first_byte");

    private final NginxStatement block;
    private final boolean stream;
    private final String poolName;
    private final String scope;
    private final List<Server> servers = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<ConfigNote> notes;
    private NginxStatement balancer;
    private String algorithm = "roundrobin";
    private boolean backupAllowed = true;
    private boolean activeHealthCheck;

    /** @param notes where NGINX Plus and newer directives and parameters of the block are noted */
    NginxUpstream(NginxStatement block, boolean stream, List<ConfigNote> notes) {
        this.block = block;
        this.stream = stream;
        this.notes = notes;
        this.poolName = poolName(block.args().get(0), stream);
        this.scope = "upstream " + poolName;
    }

    /** http upstreams keep their name; stream upstreams are named {@code stream:NAME}. */
    static String poolName(String upstreamName, boolean stream) {
        return stream ? "stream:" + upstreamName : upstreamName;
    }

    String poolName() {
        return poolName;
    }

    List<Directive> directives() {
        return directives;
    }

    void markActiveHealthCheck() {
        activeHealthCheck = true;
    }

    NginxUpstream read() throws ConfigParseException {
        for (NginxStatement statement : block.children()) {
            String name = statement.name();
            if ("server".equals(name)) {
                server(statement);
            } else if (BALANCERS.contains(name)) {
                balancer(statement);
            } else if ("upstream".equals(name) || "include".equals(name) && statement.isBlock()) {
                throw NginxParser.notAllowed(statement);
            } else {
                if (!NginxDirectives.known(name)) {
                    notes.add(NginxWalk.unknown(statement, poolName));
                }
                NginxParser.addGeneric(statement, scope, directives);
            }
        }
        if (servers.isEmpty()) {
            throw new ConfigParseException(block.file(), block.endLine(), block.endColumn(),
                    "no servers are inside upstream \"" + block.args().get(0) + "\"");
        }
        return this;
    }

    Pool toPool() {
        String healthCheck = activeHealthCheck ? "active"
                : servers.stream().anyMatch(Server::healthCheck) ? "passive" : "";
        return new Pool(poolName, algorithm, healthCheck, block.file(), block.line(), servers);
    }

    private void balancer(NginxStatement statement) throws ConfigParseException {
        NginxParser.requireSimple(statement);
        String name = statement.name();
        if (!NginxDirectives.known(name)) {
            notes.add(NginxWalk.unknown(statement, poolName));
        }
        List<String> args = statement.args();
        switch (name) {
            case "least_conn" -> {
                requireArgs(statement, 0, 0);
                setBalancer(statement, "leastconn", true);
            }
            case "ip_hash" -> {
                if (stream) {
                    throw NginxParser.notAllowed(statement);
                }
                requireArgs(statement, 0, 0);
                setBalancer(statement, "ip_hash", false);
            }
            case "hash" -> {
                requireArgs(statement, 1, 2);
                if (args.size() == 2 && !"consistent".equals(args.get(1))) {
                    throw invalidParameter(statement, args.get(1));
                }
                setBalancer(statement, "hash " + NginxText.canonical(args), false);
            }
            case "random" -> {
                requireArgs(statement, 0, 2);
                if (!args.isEmpty() && !"two".equals(args.get(0))) {
                    throw invalidParameter(statement, args.get(0));
                }
                if (args.size() == 2 && !"least_conn".equals(args.get(1)) && !args.get(1).startsWith("least_time=")) {
                    throw invalidParameter(statement, args.get(1));
                }
                if (args.size() == 2 && args.get(1).startsWith("least_time=")) {
                    notes.add(plusParameter(statement, args.get(1)));
                }
                setBalancer(statement, NginxText.canonical(statement.words()), false);
            }
            default -> {
                requireArgs(statement, 1, 2);
                if (!LEAST_TIME_MODES.contains(args.get(0))) {
                    throw invalidParameter(statement, args.get(0));
                }
                if (args.size() == 2 && !"inflight".equals(args.get(1))) {
                    throw invalidParameter(statement, args.get(1));
                }
                setBalancer(statement, NginxText.canonical(statement.words()), true);
            }
        }
    }

    private void setBalancer(NginxStatement statement, String canonicalAlgorithm, boolean allowsBackup) {
        if (balancer != null) {
            // nginx only warns "load balancing method redefined"; keep the replaced one visible
            directives.add(new Directive(scope, NginxText.canonical(balancer.words()) + " (replaced by a later "
                    + "balancer)", balancer.line()));
        }
        balancer = statement;
        algorithm = canonicalAlgorithm;
        backupAllowed = allowsBackup;
    }

    private void server(NginxStatement statement) throws ConfigParseException {
        NginxParser.requireSimple(statement);
        if (statement.args().isEmpty()) {
            throw NginxParser.argumentCount(statement);
        }
        ServerSettings settings = new ServerSettings();
        for (String parameter : statement.args().subList(1, statement.args().size())) {
            settings.apply(statement, parameter);
        }
        String url = statement.args().get(0);
        NginxAddress address;
        try {
            // with service= (NGINX Plus, nginx 1.27.3+) the port comes from DNS SRV records
            boolean service = settings.plus.containsKey("service");
            address = NginxAddress.parse(url, stream && !service, service ? 0 : 80);
        } catch (NginxAddress.Invalid e) {
            throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                    e.getMessage() + " in upstream \"" + url + "\"");
        }
        Server.Builder server = Server.builder(address.canonical())
                .address(address.host(), address.port())
                .weight(settings.weight)
                .backup(settings.backup)
                .disabled(settings.down)
                .healthCheck(settings.maxFails != 0)
                .line(statement.line())
                .param("max_fails", Long.toString(settings.maxFails))
                .param("fail_timeout", settings.failTimeout + "s")
                .param("max_conns", Long.toString(settings.maxConns));
        settings.plus.forEach(server::param);
        servers.add(server.build());
        for (String parameter : settings.plusWritten) {
            notes.add(plusParameter(statement, parameter));
        }
    }

    private ConfigNote plusParameter(NginxStatement statement, String parameter) {
        String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=') + 1) : parameter;
        return new ConfigNote(ConfigNote.Kind.UNKNOWN_TO_THIS_VERSION, statement.file(),
                NginxWalk.reportedLine(statement), poolName,
                name, "\"" + statement.name() + "\" parameter \"" + parameter + "\" is not known to "
                        + NginxDirectives.VERSION + " (NGINX Plus or a newer nginx): kept as written, not evaluated.");
    }

    /** The parameters of one {@code server} line, with nginx's defaults. */
    private final class ServerSettings {
        int weight = 1;
        long maxFails = 1;
        long failTimeout = 10;
        long maxConns;
        boolean backup;
        boolean down;
        final java.util.Map<String, String> plus = new java.util.TreeMap<>();
        final List<String> plusWritten = new ArrayList<>();

        void apply(NginxStatement statement, String parameter) throws ConfigParseException {
            if (parameter.startsWith("weight=")) {
                OptionalLong value = NginxValues.atoi(parameter.substring(7));
                if (value.isEmpty() || value.getAsLong() == 0 || value.getAsLong() > Integer.MAX_VALUE) {
                    throw invalidParameter(statement, parameter);
                }
                weight = (int) value.getAsLong();
            } else if (parameter.startsWith("max_conns=")) {
                maxConns = number(statement, parameter, 10);
            } else if (parameter.startsWith("max_fails=")) {
                maxFails = number(statement, parameter, 10);
            } else if (parameter.startsWith("fail_timeout=")) {
                failTimeout = time(statement, parameter, 13);
            } else if ("backup".equals(parameter)) {
                if (!backupAllowed) {
                    throw new ConfigParseException(statement.file(), statement.line(), statement.column(),
                            "balancing method does not support parameter \"backup\"");
                }
                backup = true;
            } else if ("down".equals(parameter)) {
                down = true;
            } else {
                applyPlus(statement, parameter);
            }
        }

        /** nginx Plus parameters (nginx 1.22 open source rejects them as invalid). */
        private void applyPlus(NginxStatement statement, String parameter) throws ConfigParseException {
            plusWritten.add(parameter);
            if ("resolve".equals(parameter) || "drain".equals(parameter)) {
                plus.put(parameter, "true");
            } else if (parameter.startsWith("slow_start=")) {
                plus.put("slow_start", time(statement, parameter, 11) + "s");
            } else if (parameter.startsWith("service=") && parameter.length() > 8) {
                plus.put("service", parameter.substring(8));
            } else if (parameter.startsWith("route=") && parameter.length() > 6) {
                plus.put("route", parameter.substring(6));
            } else {
                throw invalidParameter(statement, parameter);
            }
        }

        private long number(NginxStatement statement, String parameter, int prefix) throws ConfigParseException {
            OptionalLong value = NginxValues.atoi(parameter.substring(prefix));
            if (value.isEmpty()) {
                throw invalidParameter(statement, parameter);
            }
            return value.getAsLong();
        }

        private long time(NginxStatement statement, String parameter, int prefix) throws ConfigParseException {
            OptionalLong value = NginxValues.seconds(parameter.substring(prefix));
            if (value.isEmpty()) {
                throw invalidParameter(statement, parameter);
            }
            return value.getAsLong();
        }
    }

    private static void requireArgs(NginxStatement statement, int min, int max) throws ConfigParseException {
        int count = statement.args().size();
        if (count < min || count > max) {
            throw NginxParser.argumentCount(statement);
        }
    }

    private static ConfigParseException invalidParameter(NginxStatement statement, String parameter) {
        return new ConfigParseException(statement.file(), statement.line(), statement.column(),
                "invalid parameter \"" + parameter + "\"");
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
