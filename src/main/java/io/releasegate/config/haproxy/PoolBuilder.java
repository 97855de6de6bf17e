package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the servers of one {@code backend}/{@code listen} section and builds its {@link Pool}. */
final class PoolBuilder {
    /** A checked server without a port, at a line and column. */
    private record Unported(String server, int line, int column) {
    }

    /** Upper bound of servers one {@code server-template} line may create, to bound memory. */
    static final int MAX_TEMPLATE_SERVERS = 10_000;

    private final String name;
    private final int line;
    private final String path;
    final ProxySettings settings;
    private final List<Server> servers = new ArrayList<>();
    private final Set<String> serverNames = new HashSet<>();
    private final Set<String> conditionalNames = new HashSet<>();
    /** Servers that are checked but have no port: valid only if the tcp-check rules give one (known at the end). */
    private final List<Unported> needCheckPort = new ArrayList<>();
    private final SettingsCache cache;
    /** The condition the lines being read depend on, or empty. */
    String condition = "";

    /** @param cache what this parse already knows of server settings */
    PoolBuilder(String name, int line, String path, ProxySettings settings, SettingsCache cache) {
        this.name = name;
        this.line = line;
        this.path = path;
        this.settings = settings;
        this.cache = cache;
    }

    String name() {
        return name;
    }

    /** {@code server <name> <addr>[:port] [params]}. */
    void server(HaproxyLine statement) throws ConfigParseException {
        String serverName = statement.word(1);
        String address = statement.word(2);
        if (serverName.isEmpty() || address.isEmpty()) {
            throw new ConfigParseException(path, statement.number(), statement.column(0),
                    "'server' expects <name> and <addr>[:<port>] as arguments");
        }
        checkName(serverName, statement, 1);
        add(serverName, address, statement, 3);
    }

    /** {@code server-template <prefix> <num | low-high> <addr>[:port] [params]}. */
    void serverTemplate(HaproxyLine statement) throws ConfigParseException {
        String prefix = statement.word(1);
        String range = statement.word(2);
        String address = statement.word(3);
        if (prefix.isEmpty() || range.isEmpty() || address.isEmpty()) {
            throw new ConfigParseException(path, statement.number(), statement.column(0),
                    "'server-template' expects <prefix> <nb | range> <addr>[:<port>] as arguments");
        }
        checkName(prefix, statement, 1);
        int dash = range.indexOf('-');
        long low = dash < 0 ? 1 : number(range.substring(0, dash));
        long high = number(dash < 0 ? range : range.substring(dash + 1));
        // a range may start at 0 (srv0..srv9), a count may not
        if (low < 0 || high < low || high < 1) {
            throw new ConfigParseException(path, statement.number(), statement.column(2),
                    "wrong server-template number or range '" + range + "'");
        }
        if (high - low + 1 > MAX_TEMPLATE_SERVERS) {
            throw new ConfigParseException(path, statement.number(), statement.column(2), "server-template range '"
                    + range + "' creates more than " + MAX_TEMPLATE_SERVERS + " servers");
        }
        for (long n = low; n <= high; n++) {
            add(prefix + n, address, statement, 4);
        }
    }

    /** {@code default-server [params]}: changes the settings of the servers that follow only. */
    void defaultServer(HaproxyLine statement) throws ConfigParseException {
        settings.defaultServer.apply(statement, 1, true, path);
    }

    /** The pool, once the section is complete; fails for a checked server whose port nothing gives. */
    Pool build() throws ConfigParseException {
        if (!needCheckPort.isEmpty()) {
            String missing = settings.missingCheckPort();
            if (!missing.isEmpty()) {
                Unported first = needCheckPort.get(0);
                throw new ConfigParseException(path, first.line(), first.column(), "backend '" + name
                        + "': server '" + first.server() + "' " + missing);
            }
        }
        boolean anyCheck = servers.stream().anyMatch(Server::healthCheck);
        return new Pool(name, settings.algorithm(), settings.healthCheck(anyCheck), path, line, servers);
    }

    private void add(String serverName, String addressText, HaproxyLine statement, int paramsFrom)
            throws ConfigParseException {
        boolean conditional = !condition.isEmpty();
        if (!serverNames.add(serverName) && !conditional && !conditionalNames.contains(serverName)) {
            int previous = servers.stream().filter(server -> server.name().equals(serverName)).findFirst()
                    .orElseThrow().line();
            throw new ConfigParseException(path, statement.number(), statement.column(1), "backend '" + name
                    + "', another server named '" + serverName + "' was already defined at line " + previous);
        }
        ServerAddress address = ServerAddress.parse(addressText, statement, paramsFrom - 1, path);
        SettingsCache.Effective effective = cache.of(settings.defaultServer, statement, paramsFrom, path);
        boolean literal = address.host().contains("$");
        if (effective.check() && address.inet() && address.port() == 0 && !literal
                && !effective.params().containsKey("port") && !effective.params().getOrDefault("addr", "")
                .matches(".*:[0-9]+")) {
            needCheckPort.add(new Unported(serverName, statement.number(), statement.column(paramsFrom - 1)));
        }
        Map<String, String> params = effective.params();
        if (!address.portOffset().isEmpty()) {
            params = cache.with(params, "port-offset", address.portOffset());
        }
        if (conditional) {
            conditionalNames.add(serverName);
        }
        servers.add(new Server(cache.name(serverName), address.host(), address.port(), effective.weight(),
                effective.backup(),
                effective.disabled(), effective.check(), statement.number(), params, condition));
    }

    private void checkName(String value, HaproxyLine statement, int index) throws ConfigParseException {
        for (int k = 0; k < value.length(); k++) {
            if (!HaproxyTokenizer.isNameChar(value.charAt(k))) {
                throw new ConfigParseException(path, statement.number(), statement.column(index),
                        "character '" + value.charAt(k) + "' is not permitted in server name '" + value + "'");
            }
        }
    }

    private static long number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
