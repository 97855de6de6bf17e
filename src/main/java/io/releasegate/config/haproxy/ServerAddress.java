package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;

/**
 * A server address as HAProxy's {@code str2sa_range()} reads it for a {@code server} line: {@code ipv4@},
 * {@code ipv6@}, {@code unix@}, {@code abns@} prefixes, {@code /path} unix sockets, {@code [IPv6]:port}, and
 * otherwise the port after the last colon (so a bare {@code ::1} is host {@code ::} port 1, as in HAProxy).
 * {@code ${VAR}} references are kept literally and whole.
 *
 * @param host       host, IP address, {@code unix:/path} or {@code abns@name}
 * @param port       the port, 0 when none is given
 * @param portOffset a {@code +N}/{@code -N} port relative to the client's, or empty
 * @param inet       whether this is a network (not a socket) address
 */
record ServerAddress(String host, int port, String portOffset, boolean inet) {

    static ServerAddress parse(String text, HaproxyLine line, int index, String path) throws ConfigParseException {
        if (text.contains("${") || text.startsWith("$")) {
            return new ServerAddress(text, 0, "", true);
        }
        if (text.startsWith("unix@")) {
            return new ServerAddress("unix:" + text.substring(5), 0, "", false);
        }
        if (text.startsWith("/")) {
            return new ServerAddress("unix:" + text, 0, "", false);
        }
        if (text.startsWith("abns@") || text.startsWith("sockpair@")) {
            return new ServerAddress(text, 0, "", false);
        }
        String rest = text;
        if (rest.startsWith("ipv4@") || rest.startsWith("ipv6@")) {
            rest = rest.substring(5);
        }
        String host;
        String port = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw error("missing ']' in IPv6 address '" + text + "'", line, index, path);
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw error("unexpected text after ']' in address '" + text + "'", line, index, path);
                }
                port = after.substring(1);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            port = colon >= 0 ? rest.substring(colon + 1) : "";
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        return withPort(host, port, text, line, index, path);
    }

    private static ServerAddress withPort(String host, String port, String text, HaproxyLine line, int index,
            String path) throws ConfigParseException {
        if (port.isEmpty()) {
            return new ServerAddress(host, 0, "", true);
        }
        String digits = port;
        boolean offset = port.charAt(0) == '+' || port.charAt(0) == '-';
        if (offset) {
            digits = port.substring(1);
        }
        if (digits.indexOf('-') >= 0) {
            throw error("port range not permitted in server address '" + text + "'", line, index, path);
        }
        if (digits.isEmpty() || digits.length() > 5 || !allDigits(digits)) {
            throw error("invalid port '" + port + "' in server address '" + text + "'", line, index, path);
        }
        int value = Integer.parseInt(digits);
        if (value > 65535) {
            throw error("port " + value + " out of range in server address '" + text + "'", line, index, path);
        }
        return offset ? new ServerAddress(host, 0, port, true) : new ServerAddress(host, value, "", true);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static ConfigParseException error(String reason, HaproxyLine line, int index, String path) {
        return new ConfigParseException(path, line.number(), line.column(index), reason);
    }
}
