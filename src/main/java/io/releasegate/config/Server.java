package io.releasegate.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One server of a pool, with its effective settings (defaults and {@code default-server} already applied).
 *
 * @param name        the server's name; nginx servers have none, so their address is used
 * @param host        host name, IP address or {@code unix:/path}
 * @param port        TCP port, or 0 for a unix socket
 * @param weight      the effective weight (0 takes no traffic)
 * @param backup      only used when no active server is up
 * @param disabled    administratively down ({@code disabled}, {@code down}, commented-out servers are removed instead)
 * @param healthCheck the load balancer checks this server's health
 * @param line        1-based line of the definition in its file
 * @param params      other parameters (e.g. {@code maxconn}), canonical, sorted by key; compared for OTHER_CHANGE
 * @param condition   empty for a server that is always defined; otherwise the condition it depends on, which cannot
 *                    be evaluated offline (an HAProxy {@code .if} on the SSL library or the environment), in words
 */
public record Server(String name, String host, int port, int weight, boolean backup, boolean disabled,
        boolean healthCheck, int line, Map<String, String> params, String condition) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Class<?> CANONICAL = Collections.unmodifiableSortedMap(new TreeMap<String, String>())
            .getClass();

    public Server {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        params = canonicalParams(params);
        condition = condition == null ? "" : condition;
    }

    /** A server that does not depend on a condition. */
    public Server(String name, String host, int port, int weight, boolean backup, boolean disabled,
            boolean healthCheck, int line, Map<String, String> params) {
        this(name, host, port, weight, backup, disabled, healthCheck, line, params, "");
    }

    /**
     * Parameters in the canonical form a server holds: unmodifiable and sorted by key. A map already in that form is
     * returned as it is, so that parsers can share one instance among the many servers that have the same
     * parameters (a 50 MB configuration has hundreds of thousands of servers and a handful of distinct maps).
     */
    public static Map<String, String> canonicalParams(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        if (params.getClass() == CANONICAL && ((SortedMap<String, String>) params).comparator() == null) {
            return params;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** Whether the server exists only under a condition that cannot be evaluated offline. */
    public boolean conditional() {
        return !condition.isEmpty();
    }

    /** {@code host:port}, or just the host for a unix socket. */
    public String address() {
        return port > 0 ? formatHost(host) + ":" + port : host;
    }

    private static String formatHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") && !host.startsWith("unix:") ? "[" + host + "]" : host;
    }

    /** Not disabled, not backup and weight above zero: this server takes a share of normal traffic. */
    public boolean takesTraffic() {
        return !disabled && !backup && weight > 0;
    }

    /** A copy with another source line (used when only formatting moved the definition). */
    public Server withLine(int newLine) {
        return new Server(name, host, port, weight, backup, disabled, healthCheck, newLine, params, condition);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Small builder for parsers and tests. */
    public static final class Builder {
        private final String name;
        private String host = "";
        private int port;
        private int weight = 1;
        private boolean backup;
        private boolean disabled;
        private boolean healthCheck;
        private int line;
        private final Map<String, String> params = new TreeMap<>();
        private String condition = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder address(String hostValue, int portValue) {
            this.host = hostValue;
            this.port = portValue;
            return this;
        }

        public Builder weight(int value) {
            this.weight = value;
            return this;
        }

        public Builder backup(boolean value) {
            this.backup = value;
            return this;
        }

        public Builder disabled(boolean value) {
            this.disabled = value;
            return this;
        }

        public Builder healthCheck(boolean value) {
            this.healthCheck = value;
            return this;
        }

        public Builder line(int value) {
            this.line = value;
            return this;
        }

        public Builder param(String key, String value) {
            params.put(key, value);
            return this;
        }

        public Builder condition(String value) {
            this.condition = value;
            return this;
        }

        public Server build() {
            return new Server(name, host, port, weight, backup, disabled, healthCheck, line, params, condition);
        }
    }
}
