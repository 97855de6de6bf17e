package io.releasegate.verify;

import java.util.Locale;

/**
 * What a stream of requests from one client can tell about a balancing algorithm.
 */
public enum BalanceMode {
    /** roundrobin, static-rr, leastconn, random, least_conn, nginx's default: shares follow the weights. */
    WEIGHTED,
    /** A hash of the request (HAProxy {@code uri}, {@code url_param}, nginx {@code hash $request_uri}): the probe
     * varies the request per request, so every server must see traffic, but exact shares are not tested. */
    REQUEST_HASH,
    /** A hash of the client (HAProxy {@code source}, nginx {@code ip_hash}, {@code hash $remote_addr}, headers,
     * cookies, rdp-cookie): one client always lands on one server, so shares and missing servers are not tested. */
    CLIENT_BOUND,
    /** HAProxy {@code first}: the first server takes everything until its maxconn. */
    FIRST;

    /** Classifies an algorithm as written in the pool model (canonical, lower case). */
    public static BalanceMode of(String algorithm) {
        String a = algorithm == null ? "" : algorithm.trim().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.startsWith("roundrobin") || a.startsWith("static-rr") || a.startsWith("leastconn")
                || a.startsWith("least_conn") || a.startsWith("random") || a.startsWith("least_time")) {
            return WEIGHTED;
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
