package io.releasegate.config;

import java.io.Serializable;

/**
 * A rule that sends a frontend's requests somewhere: an HAProxy {@code default_backend} or {@code use_backend}, an
 * nginx {@code proxy_pass}, {@code grpc_pass}, {@code fastcgi_pass}, {@code uwsgi_pass}, {@code scgi_pass} or
 * {@code memcached_pass}. A route is identified by its frontend and its condition; its target may change.
 *
 * @param frontend  where requests arrive: {@code frontend www}, {@code listen stats}, {@code server example.org:80}
 * @param condition which requests: empty for all the others (the default), {@code if is_api}, {@code location /api}
 * @param target    the pool the requests go to when {@link #toPool}, else the target as written (an address, or an
 *                  expression evaluated per request when {@link #dynamic})
 * @param toPool    the target is a pool defined in the configuration
 * @param dynamic   the target is computed per request ({@code %[...]}, {@code $variable}): no pool can be named
 * @param statement the canonical statement, compared when the target stays the same
 * @param line      1-based line of the statement
 * @param meaning   the condition in words where the configuration defines it (an HAProxy ACL's criteria), or empty
 */
public record Route(String frontend, String condition, String target, boolean toPool, boolean dynamic,
        String statement, int line, String meaning) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Route {
        condition = condition == null ? "" : condition;
        meaning = meaning == null ? "" : meaning;
    }

    /** Frontend and condition: what identifies the route in two revisions. */
    public String key() {
        return frontend + " :: " + condition;
    }
}
