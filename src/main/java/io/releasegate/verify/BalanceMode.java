package io.releasegate.verify;

import java.util.Locale;

/**
 * What a stream of requests from one client can tell about a balancing algorithm.
 */
public enum BalanceMode {
    /** roundrobin, static-rr, nginx's default weighted round robin: shares follow the weights exactly. */
    WEIGHTED,
    /** leastconn, least_conn, least_time, random (HAProxy's draws and consistent-hash ring, nginx's "two"): every
     * server gets traffic, but shares follow load and ring positions, not exactly the weights (measured on HAProxy
     * 2.6 with weights 3:1: leastconn about 58/42, random(1) about 67/33). */
    LOAD_AWARE,
    /** A hash of the request (HAProxy {@code uri}, {@code url_param}, nginx {@code hash $request_uri}): the probe
     * varies the request per request, so every server must see traffic, but exact shares are not tested. */
    REQUEST_HASH,
    /** A hash of the client (HAProxy {@code source}, nginx {@code ip_hash}, {@code hash $remote_addr}, headers,
     * cookies, rdp-cookie): one client always lands on one server, so shares and missing servers are not tested. */
    CLIENT_BOUND,
    /** HAProxy {@code first}: the first server takes everything until its maxconn. */
    FIRST;

    /** Shares follow the declared weights exactly, so the chi-square test applies. */
    public boolean exactShares() {
        return this == WEIGHTED;
    }

    /**
     * The share the zero rule may assume for a server with the declared share: the declared share where shares are
     * exact, half of it where load, rings or hashes move them (a conservative margin, see docs/verify.md).
     */
    public double zeroRuleShare(double declared) {
        return this == WEIGHTED || this == FIRST ? declared : declared / 2;
    }

    /** Classifies an algorithm as written in the pool model (canonical, lower case). */
    public static BalanceMode of(String algorithm) {
        String a = algorithm == null ? "" : algorithm.trim().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.startsWith("roundrobin") || a.startsWith("static-rr")) {
            return WEIGHTED;
        }
        if (a.startsWith("leastconn") || a.startsWith("least_conn") || a.startsWith("random")
                || a.startsWith("least_time")) {
            return LOAD_AWARE;
        }
        if (a.equals("first")) {
            return FIRST;
        }
        if (a.startsWith("uri") || a.startsWith("url_param") || a.contains("$request_uri") || a.contains("$uri")
                || a.contains("$args") || a.contains("$arg_") || a.startsWith("hash path") || a.startsWith("path")) {
            return REQUEST_HASH;
        }
        return CLIENT_BOUND;
    }
}
