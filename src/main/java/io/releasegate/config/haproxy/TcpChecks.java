package io.releasegate.config.haproxy;

/**
 * What the health-check port rules of HAProxy 2.6 need to know of a section's {@code tcp-check} rules: how many there
 * are, whether the first action (comments and {@code set-var}/{@code unset-var} skipped, as
 * {@code get_first_tcpcheck_rule()} does) is a {@code connect} with a port, and whether every {@code connect} has one.
 */
record TcpChecks(int rules, String firstAction, boolean startsWithConnectWithPort, boolean everyConnectHasPort) {
    static final TcpChecks NONE = new TcpChecks(0, "", false, true);

    TcpChecks with(HaproxyLine line) {
        String action = line.word(1);
        boolean neutral = "comment".equals(action) || action.startsWith("set-var") || "unset-var".equals(action);
        boolean connect = "connect".equals(action);
        boolean port = connect && hasPort(line);
        String first = firstAction.isEmpty() && !neutral ? action : firstAction;
        boolean starts = firstAction.isEmpty() && !neutral ? port : startsWithConnectWithPort;
        return new TcpChecks(rules + 1, first, starts, everyConnectHasPort && (!connect || port));
    }

    /** {@code port N}, or {@code addr HOST:N}. */
    private static boolean hasPort(HaproxyLine line) {
        for (int i = 2; i + 1 < line.size(); i++) {
            String value = line.word(i + 1);
            if ("port".equals(line.word(i)) && !value.isEmpty()) {
                return true;
            }
            if ("addr".equals(line.word(i)) && value.matches(".*:[0-9]+")) {
                return true;
            }
        }
        return false;
    }
}
