package io.releasegate.config;

/** Splits {@code host:port}, {@code [v6]:port} and {@code unix:/path} addresses. */
public final class Addresses {
    /** A split address. Port 0 means none was given. */
    public record HostPort(String host, int port) {
    }

    private Addresses() {
    }

    /**
     * Splits an address; a missing port gives {@code defaultPort}. Throws {@link IllegalArgumentException} with a
     * plain message for an empty host or a port outside 1..65535.
     */
    public static HostPort split(String address, int defaultPort) {
        String value = address.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (value.startsWith("unix:") || value.startsWith("/")) {
            return new HostPort(value, 0);
        }
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + address + "' has '[' without ']'");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + address + "' has text after ']' that is not a port");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && value.indexOf(':') == colon) {
                host = value.substring(0, colon);
                port = value.substring(colon + 1);
            } else {
                host = value;
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' has no host");
        }
        return new HostPort(host, port == null ? defaultPort : parsePort(address, port));
    }

    private static int parsePort(String address, String port) {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + address + "' has an invalid port '" + port + "' (1-65535)");
    }
}
