package io.releasegate.config.haproxy;

import io.releasegate.config.ConfigParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address checks of {@code log} and {@code bind} lines that HAProxy 2.6 makes while parsing
 * ({@code str2sa_range()}): a protocol prefix it does not know ({@code mptcp@}, {@code backend@}, newer releases)
 * is an invalid address, and a log server cannot have a port range. Host names are left alone: whether they resolve
 * depends on the machine, not on the configuration.
 */
final class ListenerAddresses {
    /** The prefixes of {@code str2sa_range()} in HAProxy 2.6, after an optional {@code stream+}/{@code dgram+}. */
    private static final Set<String> PREFIXES = Set.of("unix", "uxdg", "uxst", "abns", "ipv4", "ipv6", "udp", "udp4",
            "udp6", "tcp", "tcp4", "tcp6", "sockpair", "fd", "quic4", "quic6");
    private static final Pattern PREFIX = Pattern.compile("^(?:stream\\+|dgram\\+)?([A-Za-z0-9_.+-]*)@");
    private static final Pattern PORT_RANGE = Pattern.compile(".*:[0-9]+-[0-9]+$");

    private ListenerAddresses() {
    }

    /** {@code log <address> ...}: known prefix ({@code ring@} is a log target too), no port range. */
    static void checkLog(HaproxyLine line, String path) throws ConfigParseException {
        String address = line.word(1);
        if (address.isEmpty() || "global".equals(address) || address.indexOf('$') >= 0) {
            return;
        }
        checkPrefix(line, 1, address, address, path, true);
        if (!address.startsWith("/") && PORT_RANGE.matcher(address).matches()) {
            throw new ConfigParseException(path, line.number(), line.column(1),
                    "log: port range not permitted here in '" + address + "'");
        }
    }

    /** {@code bind <address>[,<address>...] ...}: every address has a known prefix. */
    static void checkBind(HaproxyLine line, String path) throws ConfigParseException {
        String list = line.word(1);
        if (list.indexOf('$') >= 0) {
            return;
        }
        for (String address : list.split(",")) {
            checkPrefix(line, 1, address, list, path, false);
        }
    }

    private static void checkPrefix(HaproxyLine line, int index, String address, String whole, String path,
            boolean log) throws ConfigParseException {
        Matcher prefix = PREFIX.matcher(address);
        if (!prefix.find()) {
            return;
        }
        String name = prefix.group(1);
        if (PREFIXES.contains(name) || log && "ring".equals(name)) {
            return;
        }
        int at = address.indexOf('@');
        int end = address.lastIndexOf(':');
        String shown = end > at ? address.substring(0, end) : address;
        throw new ConfigParseException(path, line.number(), line.column(index), line.word(0)
                + ": invalid address: '" + shown + "' in '" + whole + "' (HAProxy 2.6 does not know the '" + name
                + "@' prefix)");
    }
}
