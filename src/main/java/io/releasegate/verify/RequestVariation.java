package io.releasegate.verify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * How requests differ from one another so that a request hash spreads them over the pool: HAProxy {@code uri}
 * hashes the path (a path segment is appended), {@code uri whole}, {@code url_param NAME} and nginx
 * {@code hash $request_uri} see the query (a query parameter is added). Weighted and client-bound algorithms get the
 * target URL unchanged.
 *
 * @param kind  what varies
 * @param param the query parameter that varies (for {@link Kind#QUERY})
 */
public record RequestVariation(Kind kind, String param) {
    /** What part of the request varies. */
    public enum Kind { NONE, PATH, QUERY }

    public static final String DEFAULT_PARAM = "rg-probe";

    public static RequestVariation of(ExpectedPool pool) {
        if (pool.mode() != BalanceMode.REQUEST_HASH) {
            return new RequestVariation(Kind.NONE, "");
        }
        String[] words = pool.algorithm().trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words[0].equals("url_param") && words.length > 1) {
            return new RequestVariation(Kind.QUERY, pool.algorithm().trim().split("\\s+")[1]);
        }
        if (words[0].equals("uri") && !pool.algorithm().contains("whole")) {
            return new RequestVariation(Kind.PATH, "");
        }
        return new RequestVariation(Kind.QUERY, DEFAULT_PARAM);
    }

    /** The URI of request number {@code seq}. */
    public URI uri(URI base, long seq) {
        if (kind == Kind.NONE) {
            return base;
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String query = base.getRawQuery();
        if (kind == Kind.PATH) {
            path = (path.endsWith("/") ? path : path + "/") + DEFAULT_PARAM + "-" + seq;
        } else {
            query = (query == null ? "" : query + "&") + param + "=" + seq;
        }
        try {
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + path + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot vary " + base + ": " + e.getMessage(), e);
        }
    }

    /** In words, for reports. */
    public String describe() {
        return switch (kind) {
            case NONE -> "the same request every time";
            case PATH -> "a different path per request (/" + DEFAULT_PARAM + "-N)";
            case QUERY -> "a different query parameter per request (" + param + "=N)";
        };
    }
}
