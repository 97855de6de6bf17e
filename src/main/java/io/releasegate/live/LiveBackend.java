package io.releasegate.live;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One backend as the live load balancer holds it.
 *
 * @param name    the backend's name (the declared pool's name)
 * @param source  where it was read, in words (e.g. {@code runtime API /run/haproxy.sock})
 * @param exists  the load balancer has a backend of that name at all
 * @param servers its servers, in the load balancer's order
 */
public record LiveBackend(String name, String source, boolean exists, List<LiveServer> servers)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public LiveBackend {
        Objects.requireNonNull(name, "name");
        source = source == null ? "" : source;
        servers = List.copyOf(servers);
    }

    public Optional<LiveServer> server(String serverName) {
        return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }
}
