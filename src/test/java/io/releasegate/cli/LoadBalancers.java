package io.releasegate.cli;

import io.releasegate.testing.FreePorts;
import io.releasegate.testing.HaproxyProcess;
import io.releasegate.testing.HttpBackend;
import io.releasegate.testing.NginxProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real backends and load balancers for one test, all stopped by their handles on {@link #close()}; as a JUnit
 * extension ({@code @RegisterExtension}) after each test, with its own temporary directory removed.
 */
final class LoadBalancers implements AutoCloseable, AfterEachCallback {
    private final Path dir;
    private final boolean ownsDir;
    private final List<AutoCloseable> started = new ArrayList<>();

    LoadBalancers(Path dir) {
        this.dir = dir;
        this.ownsDir = false;
    }

    /** With a temporary directory of its own, deleted on close. */
    LoadBalancers() {
        try {
            this.dir = Files.createTempDirectory("rg-lbs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ownsDir = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    HttpBackend backend(String name) {
        HttpBackend backend = HttpBackend.start(name);
        started.add(backend);
        return backend;
    }

    /** HAProxy backend {@code web} with the given servers (named as the backends), X-Served-By set. */
    HaproxyProcess haproxy(String algorithm, Map<String, Integer> weights, HttpBackend... backends) {
        return haproxy(dir, "web", algorithm, weights, backends);
    }

    /** HAProxy with backend {@code pool}, in its own directory {@code dir/pool}. */
    HaproxyProcess haproxy(String pool, String algorithm, Map<String, Integer> weights, HttpBackend... backends)
            throws IOException {
        return haproxy(Files.createDirectories(dir.resolve(pool)), pool, algorithm, weights, backends);
    }

    private HaproxyProcess haproxy(Path workDir, String pool, String algorithm, Map<String, Integer> weights,
            HttpBackend... backends) {
        Map<String, String> servers = new LinkedHashMap<>();
        for (HttpBackend backend : backends) {
            servers.put(backend.name(), backend.address());
        }
        int port = FreePorts.next();
        HaproxyProcess lb = HaproxyProcess.start(workDir, HaproxyProcess.config(pool, port, FreePorts.next(),
                algorithm, servers, weights), port);
        started.add(lb);
        return lb;
    }

    /** nginx upstream {@code web} with the given servers ({@code host:port} to weight), X-Upstream set. */
    NginxProcess nginx(String balancer, Map<String, Integer> servers) {
        int port = FreePorts.next();
        NginxProcess lb = NginxProcess.start(dir, NginxProcess.config("web", port, balancer,
                new LinkedHashMap<>(servers)), port);
        started.add(lb);
        return lb;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
        if (ownsDir && Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
