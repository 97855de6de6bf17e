package io.releasegate.config.haproxy;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code server}/{@code default-server} keywords HAProxy 2.6 registers ({@code srv_kws} in {@code server.c},
 * {@code check.c}, {@code cfgparse-ssl.c}, {@code cfgparse-tcp.c}) with the number of arguments each takes; -1 for
 * {@code source}, which takes an address and optional {@code usesrc}/{@code interface} pairs.
 */
final class ServerKeywords {
    private static final Map<String, Integer> ARITY = new HashMap<>();

    static {
        for (String flag : ("backup disabled enabled no-backup no-send-proxy no-send-proxy-v2 no-tfo non-stick "
                + "send-proxy send-proxy-v2 stick tfo usesrc allow-0rtt check-ssl force-sslv3 force-tlsv10 "
                + "force-tlsv11 force-tlsv12 force-tlsv13 no-check-ssl no-send-proxy-v2-ssl "
                + "no-send-proxy-v2-ssl-cn no-ssl no-ssl-reuse no-sslv3 no-tlsv10 no-tlsv11 no-tlsv12 no-tlsv13 "
                + "no-tls-tickets send-proxy-v2-ssl send-proxy-v2-ssl-cn ssl ssl-reuse tls-tickets agent-check "
                + "check check-send-proxy check-via-socks4 no-agent-check no-check no-check-send-proxy").split(" ")) {
            ARITY.put(flag, 0);
        }
        for (String valued : ("cookie error-limit ws id init-addr log-proto maxconn maxqueue max-reuse minconn "
                + "namespace observe on-error on-marked-down on-marked-up pool-low-conn pool-max-conn "
                + "pool-purge-delay proto proxy-v2-options redir resolve-net resolve-opts resolve-prefer resolvers "
                + "slowstart track socks4 weight alpn ca-file check-alpn check-sni ciphers ciphersuites crl-file "
                + "crt npn sni ssl-min-ver ssl-max-ver verify verifyhost tcp-ut addr agent-addr agent-inter "
                + "agent-port agent-send check-proto rise fall inter fastinter downinter port").split(" ")) {
            ARITY.put(valued, 1);
        }
        ARITY.put("source", -1);
    }

    private ServerKeywords() {
    }

    /** The number of arguments, or {@code null} for a keyword HAProxy 2.6 does not know. */
    static Integer arity(String keyword) {
        return ARITY.get(keyword);
    }

    /** {@code id} is the only keyword HAProxy refuses in {@code default-server}. */
    static boolean allowedInDefaultServer(String keyword) {
        return !"id".equals(keyword);
    }
}
