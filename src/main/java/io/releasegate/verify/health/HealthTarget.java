package io.releasegate.verify.health;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.log.Redaction;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One server's health URL, probed directly (not through the load balancer).
 *
 * @param server the server's name in the declared pool (e.g. {@code web-02})
 * @param url    the absolute {@code http} or {@code https} URL to probe
 */
public record HealthTarget(String server, URI url) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HealthTarget {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(url, "url");
        if (server.isBlank()) {
            throw new IllegalArgumentException("health target needs a server name");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("health target " + server + ": '" + Redaction.text(url.toString())
                    + "' is not an absolute http or https URL");
        }
    }

    /**
     * Parses {@code NAME=URL} (the {@code --health} option).
     *
     * @throws IllegalArgumentException with the reason in words when the text is not {@code NAME=URL}
     */
    public static HealthTarget parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new IllegalArgumentException("health target '" + Redaction.text(spec)
                    + "' is not NAME=URL (e.g. web-01=http://10.0.0.1:8080/health)");
        }
        String url = spec.substring(equals + 1).trim();
        try {
            return new HealthTarget(spec.substring(0, equals).trim(), new URI(url));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("health target '" + Redaction.text(spec) + "' is not a URL: "
                    + e.getReason(), e);
        }
    }

    /**
     * One target per server of {@code pool} that is not disabled (active and backup), at
     * {@code http://<server address><path>}. Servers on a unix socket are skipped: they have no HTTP address.
     *
     * @param path the health path, e.g. {@code /health}; a missing leading slash is added
     * @throws IllegalArgumentException when the path is not a valid URL path
     */
    public static List<HealthTarget> fromPool(Pool pool, String path) {
        String normalized = path == null || path.isBlank() ? "/" : path.startsWith("/") ? path : "/" + path;
        List<HealthTarget> targets = new ArrayList<>();
        for (Server server : pool.servers()) {
            if (server.disabled() || server.port() <= 0) {
                continue;
            }
            targets.add(new HealthTarget(server.name(), URI.create("http://" + server.address() + normalized)));
        }
        return List.copyOf(targets);
    }
}
