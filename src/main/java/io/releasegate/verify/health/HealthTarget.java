package io.releasegate.verify.health;

import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.log.Redaction;
import io.releasegate.verify.probe.HttpUrl;
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
        HttpUrl.check("health target " + server, url);
    }

    /**
     * Parses {@code NAME=URL} (the {@code --health} option).
     *
     * @throws IllegalArgumentException with the reason in words when the text is not {@code NAME=URL}
     */
    public static HealthTarget parse(String spec) {
        return parse("--health", spec);
    }

    /**
     * Parses {@code NAME=URL} given as {@code option}; errors name the option and never the URL's user information.
     *
     * @throws IllegalArgumentException with the reason in words when the text is not {@code NAME=URL}
     */
    public static HealthTarget parse(String option, String spec) {
        Objects.requireNonNull(spec, "spec");
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new IllegalArgumentException(option + " '" + Redaction.text(spec) + "' is not NAME=URL "
                    + "(e.g. web-01=http://10.0.0.1:8080/health)");
        }
        String name = spec.substring(0, equals).trim();
        return new HealthTarget(name, HttpUrl.parse(option + " " + name, spec.substring(equals + 1)));
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
